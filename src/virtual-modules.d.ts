declare module 'virtual:garden/config' {
  /** The gardener's settings, resolved and validated once by the integration. */
  const config: import('./garden/config/config.ts').GardenConfig;
  export default config;
}

declare module 'virtual:garden/core' {
  /** The file URL of the garden core's entry (`src/garden/index.ts`). */
  export const coreUrl: string;
}
