/**
 * Requests follow what was done (issue 16, item 6): the rule which action fulfils which request
 * kind, and the closing command (one transaction, logged) — done by an action, or refused with the
 * reason the person is told (Art. 12(4)).
 */
import { describe, expect, it } from 'vitest';
import {
  addTransaction,
  closeRequestsBy,
  createRequest,
  deletePerson,
  erasePersons,
  requestsToFollowUp,
  savePerson,
  setRequestStatus,
} from '../../src/data';
import { closeRequest, erasureRequestsOf, requestsFulfilledBy } from '../../src/domain/requestFollowUp';
import {
  FULFILMENT_ACTIONS,
  REQUEST_KINDS,
  type DataSubjectRequest,
  type FulfilmentAction,
  type RequestKind,
} from '../../src/domain/requests';
import { anna, CONTRACT, freshDb } from './helpers';

function request(kind: RequestKind, extra: Partial<DataSubjectRequest> = {}): DataSubjectRequest {
  return {
    id: `r-${kind}`,
    personId: 'p1',
    kind,
    receivedAt: '2026-11-02',
    dueDate: '2026-12-02',
    extension: null,
    status: 'open',
    documents: [],
    note: '',
    closedAt: null,
    createdAt: '2026-11-02T09:00:00.000Z',
    ...extra,
  };
}

const EXPECTED: Record<FulfilmentAction, RequestKind[]> = {
  erased: ['erasure', 'objection'],
  restricted: ['restriction'],
  rectified: ['rectification'],
  accessReport: ['access'],
  portabilityExport: ['portability'],
};

describe('which action fulfils which request (domain rule)', () => {
  it('each action fulfils exactly its kinds, of open requests of that person only', () => {
    const all = REQUEST_KINDS.map((k) => request(k));
    for (const action of FULFILMENT_ACTIONS) {
      expect(
        requestsFulfilledBy(action, 'p1', all).map((r) => r.kind),
        action,
      ).toEqual(EXPECTED[action]);
      expect(requestsFulfilledBy(action, 'p2', all), `${action}, other person`).toEqual([]);
    }
    const closed = REQUEST_KINDS.map((k) => request(k, { status: 'done' }));
    const inProgress = [request('erasure', { status: 'inProgress' }), request('erasure', { status: 'rejected' })];
    expect(requestsFulfilledBy('erased', 'p1', closed)).toEqual([]);
    expect(requestsFulfilledBy('erased', 'p1', inProgress).map((r) => r.status)).toEqual(['inProgress']);
  });

  it('every kind of request is fulfilled by some action', () => {
    const covered = new Set(
      FULFILMENT_ACTIONS.flatMap((a) =>
        requestsFulfilledBy(
          a,
          'p1',
          REQUEST_KINDS.map((k) => request(k)),
        ),
      ),
    );
    expect([...covered].map((r) => r.kind).sort()).toEqual([...REQUEST_KINDS].sort());
  });

  it('a refusal of an erasure concerns the open erasure requests only', () => {
    const all = [...REQUEST_KINDS.map((k) => request(k)), request('erasure', { id: 'old', status: 'done' })];
    expect(erasureRequestsOf('p1', all).map((r) => r.id)).toEqual(['r-erasure']);
  });

  it('closing by an action records what was done and when; the wrong action, a closed request or a refusal without reason are problems', () => {
    const at = '2026-12-01T10:15:00.000Z';
    expect(closeRequest(request('erasure'), { action: 'erased' }, at)).toEqual({
      request: {
        ...request('erasure'),
        status: 'done',
        closedAt: at,
        statusReason: '',
        outcome: { action: 'erased', at },
      },
    });
    expect(closeRequest(request('access'), { action: 'erased' }, at)).toEqual({ problem: 'notFulfilled' });
    expect(closeRequest(request('erasure', { status: 'done' }), { action: 'erased' }, at)).toEqual({
      problem: 'notOpen',
    });
    expect(closeRequest(request('erasure'), { action: 'refused', reason: '  ' }, at)).toEqual({ problem: 'noReason' });
    expect(closeRequest(request('erasure'), { action: 'refused', reason: ' Aufbewahrungspflicht ' }, at)).toEqual({
      request: {
        ...request('erasure'),
        status: 'rejected',
        closedAt: at,
        statusReason: 'Aufbewahrungspflicht',
        outcome: { action: 'refused', at },
      },
    });
  });
});

describe('closing requests by what was done (data layer)', () => {
  it('an erasure closes the erasure request as done, in one logged transaction; the request outlives the person', async () => {
    const { db, admin } = await freshDb();
    const p = await savePerson(db, admin, anna(), CONTRACT);
    const erasure = await createRequest(db, admin, { personId: p.id, kind: 'erasure', receivedAt: '2026-11-20' });
    const access = await createRequest(db, admin, { personId: p.id, kind: 'access', receivedAt: '2026-11-20' });
    await deletePerson(db, admin, p.id, { purposeId: '', comment: 'Antrag auf Löschung' });
    const offered = await requestsToFollowUp(db, p.id, 'erased');
    expect(offered.map((r) => r.id)).toEqual([erasure.id]);

    const at = '2026-12-01T10:15:00.000Z';
    const logged = await db.auditLog.count();
    await closeRequestsBy(db, admin, [erasure.id], { action: 'erased' }, at);
    // One entry, saying what happened — not also "Geändert – Abgeschlossen am, Ergebnis, Status …".
    expect(await db.auditLog.count()).toBe(logged + 1);
    expect(await db.requests.get(erasure.id)).toMatchObject({
      status: 'done',
      closedAt: at,
      outcome: { action: 'erased', at },
    });
    expect(await db.requests.get(access.id)).toMatchObject({ status: 'open' });
    expect((await db.auditLog.toArray()).at(-1)).toMatchObject({
      action: 'requestClosed',
      personId: p.id,
      context: 'erasure:erased',
      userName: 'admin',
    });
    expect(await requestsToFollowUp(db, p.id, 'erased')).toEqual([]);
  });

  it('a request closed by hand is logged once as closed, with its kind and status; a reopening as a change', async () => {
    const { db, admin } = await freshDb();
    const p = await savePerson(db, admin, anna(), CONTRACT);
    const access = await createRequest(db, admin, { personId: p.id, kind: 'access', receivedAt: '2026-11-20' });
    const logged = await db.auditLog.count();
    await setRequestStatus(db, admin, access.id, 'rejected', 'Identität nicht nachgewiesen');
    const log = await db.auditLog.toArray();
    expect(log.length).toBe(logged + 1);
    expect(log.at(-1)).toMatchObject({
      action: 'requestClosed',
      personId: p.id,
      context: 'access:rejected',
      comment: 'Identität nicht nachgewiesen',
    });
    await setRequestStatus(db, admin, access.id, 'open');
    expect((await db.auditLog.toArray()).at(-1)).toMatchObject({ action: 'update', context: `request:${access.id}` });
  });

  it('a bulk erasure offers the open erasure and objection requests of every person deleted, none of those kept', async () => {
    const { db, admin } = await freshDb();
    const p = await savePerson(db, admin, anna(), CONTRACT);
    const q = await savePerson(db, admin, anna({ firstName: 'Berta', email: 'berta@example.org' }), CONTRACT);
    const kept = await savePerson(db, admin, anna({ firstName: 'Clara', email: 'clara@example.org' }), CONTRACT);
    await addTransaction(db, admin, { kind: 'order', date: '2026-03-10', title: 'Auftrag 4711', personIds: [kept.id] });
    const erasure = await createRequest(db, admin, { personId: p.id, kind: 'erasure', receivedAt: '2026-11-20' });
    const objection = await createRequest(db, admin, { personId: q.id, kind: 'objection', receivedAt: '2026-11-21' });
    await createRequest(db, admin, { personId: q.id, kind: 'access', receivedAt: '2026-11-21' });
    await createRequest(db, admin, { personId: kept.id, kind: 'erasure', receivedAt: '2026-11-22' });
    const result = await erasePersons(db, admin, [p.id, q.id, kept.id], { purposeId: '', comment: 'Prüfliste' });
    expect(result.deleted.sort()).toEqual([p.id, q.id].sort());
    const offered = await requestsToFollowUp(db, result.deleted, 'erased');
    expect(offered.map((r) => r.id).sort()).toEqual([erasure.id, objection.id].sort());
    await closeRequestsBy(
      db,
      admin,
      offered.map((r) => r.id),
      { action: 'erased' },
      '2026-12-01T10:00:00.000Z',
    );
    expect(await requestsToFollowUp(db, result.deleted, 'erased')).toEqual([]);
  });

  it('a retention duty refuses the erasure request with the reason; nothing is stored when one request fails', async () => {
    const { db, admin } = await freshDb();
    const p = await savePerson(db, admin, anna(), CONTRACT);
    await addTransaction(db, admin, { kind: 'order', date: '2026-03-10', title: 'Auftrag 4711', personIds: [p.id] });
    const erasure = await createRequest(db, admin, { personId: p.id, kind: 'erasure', receivedAt: '2026-11-20' });
    const access = await createRequest(db, admin, { personId: p.id, kind: 'access', receivedAt: '2026-11-20' });
    expect((await requestsToFollowUp(db, p.id, 'refused')).map((r) => r.id)).toEqual([erasure.id]);
    const at = '2026-12-01T10:15:00.000Z';
    const logged = await db.auditLog.count();

    await expect(closeRequestsBy(db, admin, [erasure.id], { action: 'refused', reason: '' }, at)).rejects.toMatchObject(
      {
        messageKey: 'error.rejectionReason',
      },
    );
    // The second request is not what an erasure fulfils: the whole closing is refused, the first stays open.
    await expect(closeRequestsBy(db, admin, [erasure.id, access.id], { action: 'erased' }, at)).rejects.toMatchObject({
      messageKey: 'error.requestNotFulfilled',
    });
    expect(await db.requests.get(erasure.id)).toMatchObject({ status: 'open' });
    expect(await db.auditLog.count()).toBe(logged);

    await closeRequestsBy(db, admin, [erasure.id], { action: 'refused', reason: 'Aufbewahrungspflicht bis 2037' }, at);
    expect(await db.requests.get(erasure.id)).toMatchObject({
      status: 'rejected',
      statusReason: 'Aufbewahrungspflicht bis 2037',
      outcome: { action: 'refused', at },
    });
    expect((await db.auditLog.toArray()).at(-1)).toMatchObject({
      action: 'requestClosed',
      context: 'erasure:refused',
      comment: 'Aufbewahrungspflicht bis 2037',
    });
    await expect(
      closeRequestsBy(db, admin, [erasure.id], { action: 'refused', reason: 'noch einmal' }, at),
    ).rejects.toMatchObject({
      messageKey: 'error.requestClosed',
    });
    // Reopened by hand, the request no longer claims what was done.
    await setRequestStatus(db, admin, erasure.id, 'open');
    expect((await db.requests.get(erasure.id))?.outcome).toBeUndefined();
  });
});
