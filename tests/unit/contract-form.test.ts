// The contract's zod schemas checked in the browser: each refusal worded in the interface's language, never zod's English.
import { describe, expect, it } from 'vitest';
import { contract } from '../../electron/common/contract';
import { reportInputs } from '../../electron/common/report-contract';
import { issueText } from '../../renderer/ui/contract-form';

const createUser = contract['users.create'].input;

function messages(schema: typeof createUser, value: unknown, lang: 'vi' | 'en'): Record<string, string> {
  const parsed = schema.safeParse(value, { error: (issue) => issueText(issue, lang) });
  if (parsed.success) return {};
  return Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message]));
}

describe('form refusals from contract schemas', () => {
  it('say what is wrong with each field in English, with plurals', () => {
    const found = messages(createUser, { username: 'ab', fullName: '', role: 'agent', password: 'x' }, 'en');
    expect(found).toEqual({ username: 'At least 3 characters.', fullName: 'This field cannot be empty.' });
  });

  it('say it in Vietnamese for the Vietnamese interface', () => {
    const found = messages(createUser, { username: '  ', fullName: 'Nguyễn Văn An', role: 'agent', password: 'x' }, 'vi');
    expect(found).toEqual({ username: 'Ô này không được để trống.' });
  });

  it('words limits on numbers and lengths', () => {
    const reason = reportInputs.reviewReturn.pick({ reason: true });
    const long = reason.safeParse({ reason: 'x'.repeat(1001) }, { error: (i) => issueText(i, 'en') });
    expect(long.success ? '' : long.error.issues[0]?.message).toBe('At most 1000 characters.');
    const idle = contract['settings.update'].input.safeParse({ idleTimeoutMinutes: 0 }, { error: (i) => issueText(i, 'vi') });
    expect(idle.success ? '' : idle.error.issues[0]?.message).toBe('Giá trị nhỏ nhất là 1.');
  });
});
