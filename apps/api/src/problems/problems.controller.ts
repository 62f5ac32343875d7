import { ErrorCode } from '@jobs/contracts';
import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { Public } from '../auth/jwt-auth.guard.js';
import { ApiProblems } from '../openapi/api-problems.decorator.js';
import { PROBLEM_INDEX_PAGE, PROBLEM_PAGES, PROBLEMS_PATH } from './problem-pages.js';
import { ProblemException } from './problem.exception.js';

const HTML_PAGE = { description: 'An HTML page', content: { 'text/html': { schema: { type: 'string' } } } };

/** The pages a problem's `type` names: public, static, for people reading an error. */
@Public()
@SkipThrottle()
@ApiTags('problems')
@Controller(PROBLEMS_PATH.slice(1))
export class ProblemsController {
  /** Every problem code with its HTTP status and meaning, as an HTML page. */
  @Get()
  @ApiOperation({ security: [] })
  @ApiProduces('text/html')
  @ApiOkResponse(HTML_PAGE)
  @Header('Cache-Control', 'public, max-age=3600')
  index(): string {
    return PROBLEM_INDEX_PAGE;
  }

  /** The HTML page about one problem code, e.g. `/problems/job-not-found`: its HTTP status and meaning. */
  @Get(':slug')
  @ApiOperation({ security: [] })
  @ApiParam({ name: 'slug', description: 'The code in lower case with hyphens, as in problem types', example: 'job-not-found' })
  @ApiProduces('text/html')
  @ApiOkResponse(HTML_PAGE)
  @ApiProblems(ErrorCode.NOT_FOUND)
  @Header('Cache-Control', 'public, max-age=3600')
  page(@Param('slug') slug: string): string {
    const page = PROBLEM_PAGES.get(`${PROBLEMS_PATH}/${slug}`);
    if (page === undefined) throw new ProblemException(404, ErrorCode.NOT_FOUND, `No problem type ${PROBLEMS_PATH}/${slug}; ${PROBLEMS_PATH} lists them.`);
    return page;
  }
}
