// CPU time of processes on this machine, from /proc: what the benchmarks divide by the jobs they ran.
import { readdirSync, readFileSync } from 'node:fs';

/** CPU seconds a process has used (user + system), from /proc; 0 once it is gone. */
export const cpuSeconds = (pid) => {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
};

/** CPU seconds of every PostgreSQL process on the machine (server and backends). */
export const postgresCpuSeconds = () =>
  readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('postgres');
      } catch {
        return false;
      }
    })
    .reduce((total, pid) => total + cpuSeconds(pid), 0);
