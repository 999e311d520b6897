export async function runGtCommand(_argv: string[], io: { stderr: NodeJS.WritableStream }): Promise<number> { io.stderr.write("stkit gt: not wired yet\n"); return 1; }
