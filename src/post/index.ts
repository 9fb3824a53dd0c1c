// Post step of the action (dist/post/index.js). It does nothing yet: the runner-lease feature
// will fill it (releasing what the main step took). It must exist because action.yml names it.
export {};
