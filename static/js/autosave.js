// autosave: nothing yet.
export {};
