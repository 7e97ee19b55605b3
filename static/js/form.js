// form: nothing yet.
export {};
