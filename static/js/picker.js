// picker: nothing yet.
export {};
