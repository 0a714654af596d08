/** One failing rule of one field; `field` is a dotted path (`contact.email`, `panel.0.role`). */
export type FieldProblem = Readonly<{ field: string; rule: string; message: string }>;
