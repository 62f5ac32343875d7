import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createScratchDatabase, type ScratchDatabase } from '@jobs/dev-postgres';
import internals from '@prisma/internals';
import pg from 'pg';
import { migrate } from './migrate.js';
import { MIGRATIONS_DIR, SCHEMA_PATH } from './paths.js';

type Dmmf = Awaited<ReturnType<typeof internals.getDMMF>>['datamodel'];
type Model = Dmmf['models'][number];
type Field = Model['fields'][number];

interface ColumnRow {
  table_name: string;
  column_name: string;
  data_type: string;
  udt_name: string;
  is_nullable: 'YES' | 'NO';
  character_maximum_length: number | null;
  datetime_precision: number | null;
}

interface IndexRow {
  table_name: string;
  method: string;
  columns: string[];
  operator_classes: string[];
  descending: boolean[];
  is_unique: boolean;
  is_primary: boolean;
}

interface ForeignKeyRow {
  table_name: string;
  columns: string[];
  foreign_table: string;
  foreign_columns: string[];
  delete_rule: string;
}

/** What each Prisma scalar type (with its native type) must be in PostgreSQL. */
function expectedColumnType(field: Field, enums: Dmmf['enums']): Partial<ColumnRow> {
  const [nativeType, args = []] = (field.nativeType ?? []) as [string?, string[]?];
  const length = args[0] === undefined ? null : Number(args[0]);
  if (field.kind === 'enum') {
    const definition = enums.find((candidate) => candidate.name === field.type);
    return { data_type: 'USER-DEFINED', udt_name: definition?.dbName ?? field.type };
  }
  switch (field.type) {
    case 'String':
      if (nativeType === 'Uuid') return { data_type: 'uuid' };
      if (nativeType === 'VarChar') return { data_type: 'character varying', character_maximum_length: length };
      if (nativeType === 'Char') return { data_type: 'character', character_maximum_length: length };
      return { data_type: 'text' };
    case 'Int':
      return { data_type: 'integer' };
    case 'BigInt':
      return { data_type: 'bigint' };
    case 'Float':
      return { data_type: 'double precision' };
    case 'Boolean':
      return { data_type: 'boolean' };
    case 'Json':
      return { data_type: 'jsonb' };
    case 'DateTime':
      return nativeType === 'Timestamptz'
        ? { data_type: 'timestamp with time zone', datetime_precision: length ?? 6 }
        : { data_type: 'timestamp without time zone', datetime_precision: length ?? 3 };
    default:
      throw new Error(`no mapping for Prisma type ${field.type}; extend this test`);
  }
}

describe('schema.prisma and prisma/migrations', () => {
  let database: ScratchDatabase;
  let datamodel: Dmmf;
  let columns: ColumnRow[];
  let indexes: IndexRow[];
  let foreignKeys: ForeignKeyRow[];
  let enumValues: Map<string, string[]>;

  beforeAll(async () => {
    datamodel = (await internals.getDMMF({ datamodel: await readFile(SCHEMA_PATH, 'utf8') })).datamodel;
    database = await createScratchDatabase({ prepare: (url) => migrate({ connectionString: url, migrationsDir: MIGRATIONS_DIR }) });
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      columns = (
        await client.query<ColumnRow>(
          `SELECT table_name, column_name, data_type, udt_name, is_nullable, character_maximum_length, datetime_precision
             FROM information_schema.columns WHERE table_schema = 'public'`,
        )
      ).rows;
      indexes = (
        await client.query<IndexRow>(
          `SELECT t.relname::text AS table_name,
                  am.amname::text AS method,
                  array_agg(a.attname::text ORDER BY k.ordinality) AS columns,
                  array_agg(oc.opcname::text ORDER BY k.ordinality) AS operator_classes,
                  array_agg((i.indoption[k.ordinality - 1] & 1) = 1 ORDER BY k.ordinality) AS descending,
                  i.indisunique AS is_unique, i.indisprimary AS is_primary
             FROM pg_index i
             JOIN pg_class t ON t.oid = i.indrelid
             JOIN pg_class ic ON ic.oid = i.indexrelid
             JOIN pg_am am ON am.oid = ic.relam
             JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
             CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ordinality)
             JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum
             JOIN pg_opclass oc ON oc.oid = i.indclass[k.ordinality - 1]
            GROUP BY t.relname, am.amname, i.indexrelid, i.indisunique, i.indisprimary`,
        )
      ).rows;
      foreignKeys = (
        await client.query<ForeignKeyRow>(
          `SELECT c.conrelid::regclass::text AS table_name,
                  array(SELECT attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, o) JOIN pg_attribute ON attrelid = c.conrelid AND attnum = k.n ORDER BY o) AS columns,
                  c.confrelid::regclass::text AS foreign_table,
                  array(SELECT attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, o) JOIN pg_attribute ON attrelid = c.confrelid AND attnum = k.n ORDER BY o) AS foreign_columns,
                  CASE c.confdeltype WHEN 'c' THEN 'Cascade' WHEN 'r' THEN 'Restrict' WHEN 'n' THEN 'SetNull' WHEN 'd' THEN 'SetDefault' ELSE 'NoAction' END AS delete_rule
             FROM pg_constraint c WHERE c.contype = 'f'`,
        )
      ).rows;
      const enumRows = (
        await client.query<{ name: string; values: string[] }>(
          `SELECT t.typname::text AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS values
             FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
        )
      ).rows;
      enumValues = new Map(enumRows.map((row) => [row.name, row.values]));
    } finally {
      await client.end();
    }
  });

  afterAll(async () => {
    await database?.drop();
  });

  const tableOf = (model: Model): string => model.dbName ?? model.name;
  const columnOf = (model: Model, fieldName: string): string => {
    const field = model.fields.find((candidate) => candidate.name === fieldName);
    if (!field) throw new Error(`${model.name} has no field ${fieldName}`);
    return field.dbName ?? field.name;
  };

  it('has a table for every model and a column of a compatible type and nullability for every field', () => {
    const problems: string[] = [];
    for (const model of datamodel.models) {
      const table = tableOf(model);
      for (const field of model.fields.filter((candidate) => candidate.kind === 'scalar' || candidate.kind === 'enum')) {
        const column = columns.find((row) => row.table_name === table && row.column_name === (field.dbName ?? field.name));
        if (!column) {
          problems.push(`${model.name}.${field.name}: no column ${table}.${field.dbName ?? field.name}`);
          continue;
        }
        const expected = { ...expectedColumnType(field, datamodel.enums), is_nullable: field.isRequired ? 'NO' : 'YES' };
        for (const [key, value] of Object.entries(expected)) {
          const actual = column[key as keyof ColumnRow];
          if (actual !== value) problems.push(`${model.name}.${field.name}: ${key} is ${String(actual)}, schema says ${String(value)}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('has every enum with the same values in the same order', () => {
    for (const definition of datamodel.enums) {
      expect(enumValues.get(definition.dbName ?? definition.name)).toEqual(definition.values.map((value) => value.dbName ?? value.name));
    }
  });

  it('has every index, unique constraint and primary key with the same method, columns, operator classes and sort order', () => {
    const problems: string[] = [];
    for (const index of datamodel.indexes) {
      const model = datamodel.models.find((candidate) => candidate.name === index.model);
      if (!model) throw new Error(`index on unknown model ${index.model}`);
      const table = tableOf(model);
      const wantedColumns = index.fields.map((field) => columnOf(model, field.name));
      const wantedDescending = index.fields.map((field) => field.sortOrder === 'desc');
      const wantedMethod = (index.algorithm ?? 'BTree').toLowerCase();
      const match = indexes.find(
        (row) =>
          row.table_name === table &&
          row.method === wantedMethod &&
          index.fields.every((field, position) => !field.operatorClass || row.operator_classes[position] === field.operatorClass) &&
          JSON.stringify(row.columns) === JSON.stringify(wantedColumns) &&
          JSON.stringify(row.descending) === JSON.stringify(wantedDescending) &&
          row.is_primary === (index.type === 'id') &&
          row.is_unique === (index.type === 'id' || index.type === 'unique'),
      );
      if (!match) problems.push(`${index.type} ${wantedMethod} index on ${table}(${wantedColumns.join(', ')}) is missing`);
    }
    expect(problems).toEqual([]);
    expect(datamodel.indexes.length).toBeGreaterThan(5);
  });

  it('has a foreign key with the same delete rule for every relation', () => {
    const relations = datamodel.models.flatMap((model) =>
      model.fields
        .filter((field) => field.kind === 'object' && (field.relationFromFields?.length ?? 0) > 0)
        .map((field) => ({ model, field })),
    );
    expect(relations.length).toBeGreaterThan(0);
    for (const { model, field } of relations) {
      const target = datamodel.models.find((candidate) => candidate.name === field.type);
      if (!target) throw new Error(`relation to unknown model ${field.type}`);
      expect(foreignKeys).toContainEqual({
        table_name: tableOf(model),
        columns: (field.relationFromFields ?? []).map((name) => columnOf(model, name)),
        foreign_table: tableOf(target),
        foreign_columns: (field.relationToFields ?? []).map((name) => columnOf(target, name)),
        delete_rule: field.relationOnDelete ?? 'NoAction',
      });
    }
  });
});
