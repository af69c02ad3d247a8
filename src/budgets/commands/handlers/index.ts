import { AllocateBudgetHandler } from './allocate-budget.handler';
import { AmendBudgetHandler } from './amend-budget.handler';
import { AnswerReallocationHandler } from './answer-reallocation.handler';
import { ConcludeContractVersionHandler } from './conclude-contract-version.handler';
import { FreezeBudgetHandler } from './freeze-budget.handler';
import { OpenBudgetHandler } from './open-budget.handler';
import { ProposeReallocationHandler } from './propose-reallocation.handler';

export const budgetCommandHandlers = [
  ConcludeContractVersionHandler,
  AllocateBudgetHandler,
  OpenBudgetHandler,
  AmendBudgetHandler,
  ProposeReallocationHandler,
  AnswerReallocationHandler,
  FreezeBudgetHandler,
];
