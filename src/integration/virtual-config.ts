import type { GardenConfig } from '../garden/config/config.ts';

const CONFIG = 'virtual:garden/config';
const CORE = 'virtual:garden/core';

/**
 * The one channel configuration takes to the loader and the pages: Vite virtual modules holding
 * the settings the integration resolved, as Starlight hands its config over, and where the garden
 * core lives on disk. Importing them where the integration is not installed fails, rather than
 * falling back to defaults.
 */
export function virtualModules(config: GardenConfig, coreUrl: string) {
  const modules: Record<string, string> = {
    [CONFIG]: `export default ${JSON.stringify(config)};`,
    // The core is imported at run time by its file URL, which Vite does not follow (integration/core.ts).
    [CORE]: `export const coreUrl = ${JSON.stringify(coreUrl)};`,
  };
  return {
    name: 'digital-garden:virtual-modules',
    resolveId: (id: string) => (id in modules ? `\0${id}` : undefined),
    load: (id: string) => (id.startsWith('\0') ? modules[id.slice(1)] : undefined),
  };
}
