/**
 * Names Dropbox supplies (team name, display name, email) can hold a right-to-left override
 * (U+202E). Shown inside <bdi>, such a name cannot reverse the wizard's words around it.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { Identity } from '../../../electron/shared/contract';
import { IdentityCard } from '../../../renderer/src/steps/verify/identity-card';

const RLO = '\u202E';

const identity: Identity = {
  tokenKind: 'team',
  accountId: 'dbid:AAA',
  email: `ada${RLO}@example.com`,
  emailVerified: true,
  displayName: `Ada ${RLO}Admin`,
  teamId: 'dbtid:BBB',
  teamName: `Example ${RLO}Ltd`,
  isTeamAdmin: true,
};

describe("Verify's signed-in account facts", () => {
  it('isolate each Dropbox-supplied name in its own <bdi>', () => {
    const html = renderToStaticMarkup(
      createElement(IdentityCard, { identity, expectTeamAdmin: true, offerAuthorizeAgain: false }),
    );
    expect(html).toContain(`<bdi>Example ${RLO}Ltd</bdi>`);
    expect(html).toContain(`<bdi>Ada ${RLO}Admin</bdi>`);
    expect(html).toContain(`<bdi>ada${RLO}@example.com</bdi>`);
    // No override outside an isolate: strip every <bdi>…</bdi> and none is left.
    expect(html.replace(/<bdi>[^<]*<\/bdi>/g, '')).not.toContain(RLO);
  });
});
