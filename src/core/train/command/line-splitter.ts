/** Turns a stream's chunks into whole lines as they arrive (the last partial line on end). */
export class LineSplitter {
  private partial = "";

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: string): void {
    const text = this.partial + chunk;
    const lines = text.split(/\r?\n/);
    this.partial = lines.pop() ?? "";
    for (const line of lines) this.onLine(line);
  }

  end(): void {
    if (this.partial !== "") this.onLine(this.partial);
    this.partial = "";
  }
}
