// The commands `emporium` accepts, read from its commander declarations in main.ts: top-level ones
// (`status`) and those of a group (`events tail`), so runbooks can be checked to name only real ones.

export function cliCommands(mainSource: string): Set<string> {
  const groups = new Map<string, string>();
  for (const [, variable, name] of mainSource.matchAll(/const (\w+) = program\s*\.command\('([\w-]+)'\)/g)) {
    if (variable && name) groups.set(variable, name);
  }
  const commands = new Set<string>();
  for (const [, receiver, name] of mainSource.matchAll(/(\w+)\s*\.command\('([\w-]+)/g)) {
    if (!receiver || !name) continue;
    if (receiver === 'program') {
      if (![...groups.values()].includes(name)) commands.add(name);
    } else {
      const group = groups.get(receiver);
      if (group) commands.add(`${group} ${name}`);
    }
  }
  return commands;
}

/** The `emporium ...` invocations in a Markdown text's code blocks (also as `npm run emporium -- ...`). */
export function commandsInMarkdown(text: string): string[] {
  const found: string[] = [];
  for (const [, block] of text.matchAll(/```[a-z]*\n([\s\S]*?)```/g)) {
    for (const line of (block ?? '').split('\n')) {
      const match = /(?:^|\s|\$\()(?:npm run emporium --|emporium)\s+(.+)$/.exec(line.trim());
      if (match?.[1]) found.push(match[1].trim());
    }
  }
  return found;
}

/** Whether `invocation` ("events tail --type X") starts with a command `commands` holds. */
export function isKnownCommand(commands: Set<string>, invocation: string): boolean {
  const [first, second] = invocation.split(/\s+/);
  return commands.has(`${first} ${second}`) || commands.has(first ?? '');
}
