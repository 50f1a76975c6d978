/** Drawn (not captured) App Console screens, bundled by Vite as image assets. */
export const ILLUSTRATIONS = {
  createFullDropbox: new URL(
    '../../../../assets/illustrations/app-console-create-full-dropbox.svg',
    import.meta.url,
  ).href,
  createAppFolder: new URL(
    '../../../../assets/illustrations/app-console-create-app-folder.svg',
    import.meta.url,
  ).href,
  settingsRedirectUris: new URL(
    '../../../../assets/illustrations/app-console-settings-redirect-uris.svg',
    import.meta.url,
  ).href,
  settingsKeys: new URL(
    '../../../../assets/illustrations/app-console-settings-keys.svg',
    import.meta.url,
  ).href,
} as const;

/** A drawing of the App Console screen a step happens on; the alt text says what to do there. */
export function Illustration({ src, alt }: { src: string; alt: string }) {
  return <img className="illustration" src={src} alt={alt} width={360} height={200} />;
}

export const ACCESS_SHORT = {
  full_dropbox: 'Full Dropbox',
  app_folder: 'App folder',
} as const;

export const ACCESS_CONSOLE_WORDING = {
  full_dropbox: "Full Dropbox – Access to all files and folders in a user's Dropbox",
  app_folder: 'App folder – Access to a single folder created specifically for your app',
} as const;
