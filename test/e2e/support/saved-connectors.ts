/**
 * Saved connectors for the e2e specs: a seed with a second Dropbox team (Northwind
 * Trading, admin admin@northwind.test) built from the default seed, the way
 * test/integration/saved-connectors.test.ts builds it, and the admin's steps that make, find and
 * open saved connectors on the home screen.
 */
import { readFileSync } from 'node:fs';
import { expect, type Locator, type Page } from '@playwright/test';
import { DEFAULT_SEED_PATH, type Seed } from '../../dropbox-emulator/index';
import {
  BROWSER_SIGN_IN,
  button,
  chooseTarget,
  expectCloseThisTab,
  expectVerifyPassed,
  passCreateAppAndPermissions,
  pressAndCatchTab,
  signInOnDropbox,
  type DropboxAccount,
  type ExpectedIdentity,
} from './wizard-steps';
import { NO_REDIRECT_APP, SNOW_APP, TEAM_ADMIN, PERSONAL_USER } from './wizard-stack';
import type { WizardStack } from './wizard-stack';

export const NORTHWIND = {
  teamId: `dbtid:${'AANorthwindTradingTeam'.padEnd(35, '0')}`,
  name: 'Northwind Trading',
} as const;
export const NORTHWIND_ADMIN = {
  email: 'admin@northwind.test',
  password: 'demo-password',
  accountId: `dbid:${'AANorthwindAdminAccount'.padEnd(35, '0')}`,
  name: 'Nina Northwind',
} as const;
export const MEMBER = { email: 'member@example.test', password: 'demo-password' } as const;

export const ADMIN_IDENTITY: ExpectedIdentity = {
  name: 'Ada Admin',
  email: TEAM_ADMIN.email,
  team: 'Example Ltd',
  teamAdmin: true,
};
export const NORTHWIND_IDENTITY: ExpectedIdentity = {
  name: NORTHWIND_ADMIN.name,
  email: NORTHWIND_ADMIN.email,
  team: NORTHWIND.name,
  teamAdmin: true,
};

/** The names core gives the connectors: "<target> — <team or email>". */
export const EXAMPLE_CONNECTOR = 'Snow Atlas — Example Ltd';
export const NORTHWIND_CONNECTOR = `Snow Atlas — ${NORTHWIND.name}`;
export const PERSONAL_CONNECTOR = `Custom — ${PERSONAL_USER.email}`;

/** The default seed plus a second team (Northwind Trading) with its own admin. */
export function twoTeamSeed(): Seed {
  const base = JSON.parse(readFileSync(DEFAULT_SEED_PATH, 'utf8')) as Seed;
  delete (base as { $schema?: string }).$schema;
  return {
    ...base,
    description: 'Default seed plus a second team (Northwind Trading) with its own admin.',
    accounts: [
      ...(base.accounts ?? []),
      {
        accountId: NORTHWIND_ADMIN.accountId,
        email: NORTHWIND_ADMIN.email,
        password: NORTHWIND_ADMIN.password,
        name: NORTHWIND_ADMIN.name,
        teamId: NORTHWIND.teamId,
        role: 'team_admin',
        teamMemberId: 'dbmid:AANorthwindAdminMember0000000000',
      },
    ],
    teams: [...(base.teams ?? []), { id: NORTHWIND.teamId, name: NORTHWIND.name }],
  };
}

/** The header's "Connectors" (exact: Copy & export also has "See all connectors"). */
export async function goHome(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Connectors', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Connectors' })).toBeVisible();
}

/** The home screen's table of saved connectors. */
export function connectorTable(page: Page): Locator {
  return page.getByRole('table', { name: 'Saved connectors' });
}

/** One connector's row, found by its row header (the name). */
export function connectorRow(page: Page, name: string): Locator {
  return connectorTable(page)
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name, exact: true }) });
}

/** Home → "Open <name>" → the connector's page (h1 = its name). */
export async function openConnector(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: `Open ${name}`, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name, exact: true })).toBeVisible();
}

/**
 * A sign-in in a fresh Dropbox tab as `account`: the emulator's session cookie (from an earlier
 * sign-in as someone else) is dropped first so Dropbox asks who signs in. `tabSays`: the text the
 * wizard's loopback page shows when it is not "You can close this tab".
 */
export async function signInInNewTab(
  page: Page,
  account: DropboxAccount,
  options: { tabSays?: string } = {},
): Promise<void> {
  await page.context().clearCookies({ name: 'emu_session' });
  const tab = await pressAndCatchTab(page, BROWSER_SIGN_IN);
  await signInOnDropbox(tab, account);
  // The loopback page: "you can close this tab", or (`tabSays`) what it says instead.
  if (options.tabSays) await expect(tab.getByText(options.tabSays)).toBeVisible();
  else await expectCloseThisTab(tab);
  await tab.close();
}

/**
 * From the wizard's Choose connector (or the home screen: New connector first), a Snow Atlas run
 * to a passed Verify for `account`'s team; the connector is saved then.
 */
export async function snowAtlasConnector(
  page: Page,
  account: DropboxAccount,
  identity: ExpectedIdentity,
): Promise<void> {
  const newConnector = button(page, 'New connector');
  if (await newConnector.isVisible()) await newConnector.click();
  await chooseTarget(page, 'Snow Atlas');
  await passCreateAppAndPermissions(page, SNOW_APP);
  await signInInNewTab(page, account);
  await expectVerifyPassed(page, identity);
}

/**
 * A Custom connector with a user token (no team scope) for the personal account, on the demo
 * app without redirect URIs after registering the stack's loopback URIs on it.
 */
export async function personalCustomConnector(page: Page, stack: WizardStack): Promise<void> {
  await stack.emulator.patchApp(NO_REDIRECT_APP.key, { redirectUris: [...stack.redirectUris] });
  const newConnector = button(page, 'New connector');
  if (await newConnector.isVisible()) await newConnector.click();
  await chooseTarget(page, 'Custom', { extraScopes: ['files.metadata.read'] });
  await passCreateAppAndPermissions(page, NO_REDIRECT_APP);
  await signInInNewTab(page, PERSONAL_USER);
  await expectVerifyPassed(page, { name: 'Pat Personal', email: PERSONAL_USER.email });
}

/** localStorage and sessionStorage of the page, as one JSON text each. */
export async function webStorage(page: Page): Promise<{ local: string; session: string }> {
  return page.evaluate(() => {
    const dump = (s: Storage): string =>
      JSON.stringify(
        Object.fromEntries(
          Array.from({ length: s.length }, (_, i) => s.key(i) ?? '').map((k) => [
            k,
            s.getItem(k) ?? '',
          ]),
        ),
      );
    return { local: dump(window.localStorage), session: dump(window.sessionStorage) };
  });
}
