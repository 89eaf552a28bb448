// What a person types as Server-Adresse becomes server and database.
import { describe, expect, it } from 'vitest';
import { syncConfigOf } from '../../src/data/sync/setup';

const account = { username: ' team ', password: 'secret' };
describe('sync address', () => {
  it('takes the last path segment as the database, else the book’s own name', () => {
    expect(syncConfigOf({ address: 'https://couch.example.org/book-8f3c', ...account }, 'book-x')).toEqual({
      serverUrl: 'https://couch.example.org',
      database: 'book-8f3c',
      username: 'team',
      password: 'secret',
    });
    expect(syncConfigOf({ address: ' http://127.0.0.1:5984/ ', ...account }, 'book-x')).toMatchObject({
      serverUrl: 'http://127.0.0.1:5984',
      database: 'book-x',
    });
    expect(syncConfigOf({ address: 'https://h.example/couch/book-1/', ...account }, 'x')).toMatchObject({
      serverUrl: 'https://h.example/couch',
      database: 'book-1',
    });
  });

  it('leaves what is no address to the engine’s check, which names it', () => {
    expect(syncConfigOf({ address: 'couch.example.org', ...account }, 'b')).toMatchObject({
      serverUrl: 'couch.example.org',
      database: 'b',
    });
  });
});
