// attach: nothing yet.
export {};
