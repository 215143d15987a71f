/** Values that can be interpolated into a message template. */
export type MessageValues = Readonly<Record<string, string | number>>;

/** Replaces `{name}` placeholders in a catalog template with values. */
export function formatMessage(template: string, values: MessageValues = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}
