// The header every maintenance answer carries (the module's responses), by which the action's
// probe and the sandbox's visitors tell the maintenance page from the site.

/** `x-maintenance-mode: on` on every answer the maintenance rules give, and on no other. */
export const MAINTENANCE_MARKER = { name: 'x-maintenance-mode', value: 'on' } as const;
