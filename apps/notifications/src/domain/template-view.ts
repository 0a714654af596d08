/** What a template is given: plain JSON, so a recorded message can be rendered again the same way. */
export type TemplateValue =
  | string
  | number
  | boolean
  | null
  | readonly TemplateValue[]
  | Readonly<{ [key: string]: TemplateValue }>;

export type TemplateView = Readonly<{ [key: string]: TemplateValue }>;
