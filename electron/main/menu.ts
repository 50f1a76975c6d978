/**
 * The application menu. Edit keeps the standard roles: admins paste app keys and secrets, and on
 * macOS Cmd+V only works when an Edit menu with the paste role exists. Reload and DevTools exist
 * only in unpackaged (development) runs: a packaged app gives nobody a console next to secrets.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';

export interface MenuOptions {
  readonly appName: string;
  readonly platform: NodeJS.Platform;
  readonly isPackaged: boolean;
  /** Opens the App Console through the openExternal allowlist (Electron security checklist #15). */
  readonly openAppConsole: () => void;
}

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = options.platform === 'darwin';
  const dev = !options.isPackaged;
  const template: MenuItemConstructorOptions[] = [];

  if (isMac) {
    template.push({
      label: options.appName,
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }

  template.push({ label: 'File', submenu: [isMac ? { role: 'close' } : { role: 'quit' }] });

  template.push({
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  });

  const view: MenuItemConstructorOptions[] = [];
  if (dev) view.push({ role: 'reload' }, { role: 'toggleDevTools' }, { type: 'separator' });
  view.push(
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  );
  template.push({ label: 'View', submenu: view });

  template.push({
    role: 'help',
    submenu: [{ label: 'Dropbox App Console', click: () => options.openAppConsole() }],
  });

  return template;
}

export function installApplicationMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(options)));
}
