import pkg from '../package.json';

/** The app version written into saved project files (from package.json). */
export const APP_VERSION: string = pkg.version;
