// The plan guard judges the plan tree Neo4j returns for EXPLAIN. These trees have the shape
// neo4j-driver gives (operatorType "Name@database", arguments.Details, children); the
// integration tests (console-guard) judge real plans from the real server.
import { describe, expect, it } from 'vitest';
import {
  judgePlan,
  READ_OPERATORS,
  type PlanNode,
} from '../../server/src/services/queries/plan-guard';
import { QueryRefused } from '../../server/src/services/queries/query-guard';

const op = (operatorType: string, children: PlanNode[] = [], details?: string): PlanNode => ({
  operatorType: `${operatorType}@neo4j`,
  arguments: details === undefined ? {} : { Details: details },
  children,
});
const refusal = (plan: PlanNode | undefined, queryType = 'r', database = 'neo4j') => {
  try {
    judgePlan(plan, queryType, database);
    return undefined;
  } catch (e) {
    if (e instanceof QueryRefused) return e.message;
    throw e;
  }
};

describe('the plan guard', () => {
  it('passes a read and reports its operators and procedures', () => {
    const plan = op('ProduceResults', [
      op('Apply', [
        op('NodeByLabelScan'),
        op('ProcedureCall', [], 'db.labels() :: (label :: STRING)'),
      ]),
    ]);
    expect(judgePlan(plan, 'r', 'neo4j')).toEqual({
      queryType: 'r',
      operators: ['ProduceResults', 'Apply', 'ProcedureCall', 'NodeByLabelScan'],
      procedures: ['db.labels'],
    });
  });

  it.each([
    ['LoadCSV', /LOAD CSV is not allowed/],
    ['ShowTransactions', /SHOW TRANSACTIONS is an administration command/],
    ['ShowSettings', /SHOW SETTINGS is an administration command/],
    ['ShowProcedures', /SHOW PROCEDURES/],
    ['ShowFunctions', /SHOW FUNCTIONS/],
    ['TerminateTransactions', /TERMINATE TRANSACTIONS is an administration command/],
    ['TransactionApply', /IN TRANSACTIONS is not allowed/],
    ['TransactionForeach', /IN TRANSACTIONS is not allowed/],
    ['AdministrationCommand', /Administration and schema commands/],
    ['CreateIndex', /Administration and schema commands/],
    ['Create', /the plan writes \(Create\)/],
    ['SetProperty', /the plan writes \(SetProperty\)/],
    ['Foreach', /the plan writes \(Foreach\)/],
    ['SomeFutureOperator', /SomeFutureOperator, which is not on the console's list/],
  ])('refuses %s however deep in the tree it sits', (operator, message) => {
    const deep = op('ProduceResults', [
      op('Apply', [op('Argument'), op('Filter', [op('Projection', [op(operator)])])]),
    ]);
    expect(refusal(deep)).toMatch(message);
  });

  it('refuses procedures off the allow-list, and calls it cannot read', () => {
    const call = (details: string) => op('ProduceResults', [op('ProcedureCall', [], details)]);
    expect(refusal(call('dbms.listConfig() :: (name :: STRING)'))).toMatch(
      /Procedure dbms.listConfig is not allowed/,
    );
    expect(refusal(call('db.createLabel($autostring_0) :: ()'))).toMatch(/db.createLabel/);
    expect(refusal(call('(no details)'))).toMatch(/Procedure \(unreadable\)/);
  });

  it('refuses a plan that reaches another database', () => {
    const plan: PlanNode = { operatorType: 'AllNodesScan@system', arguments: {}, children: [] };
    expect(refusal(op('ProduceResults', [plan]))).toMatch(/reaches database "system"/);
  });

  it('refuses what Neo4j does not classify as a read, and a missing plan', () => {
    expect(refusal(op('ProduceResults'), 'w')).toMatch(/classifies this one as write/);
    expect(refusal(op('ProduceResults'), 's')).toMatch(/schema or administration/);
    expect(refusal(op('ProduceResults'), 'rw')).toMatch(/read-write/);
    expect(refusal(undefined)).toMatch(/no plan/);
  });

  it('allows no updating, administrative or unreviewed operator', () => {
    for (const name of READ_OPERATORS)
      expect(name).not.toMatch(
        /^(Create|Merge|Set|Remove|Delete|Show|Terminate|LoadCSV|Transaction|Foreach|Admin)/,
      );
  });
});
