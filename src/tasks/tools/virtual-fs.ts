/**
 * An in-memory file system for one sample: paths are plain strings ("docs/README.md"), contents are text.
 * Created from a case's seed files; tools read and write it; its final state is graded.
 *
 * @example
 * const fs = new VirtualFs({ "notes.txt": "hello" });
 * fs.write("out.txt", "bye");
 * fs.snapshot(); // { files: { "notes.txt": "hello", "out.txt": "bye" }, changed: ["out.txt"] }
 */
export class VirtualFs {
  private readonly files: Map<string, string>;
  private readonly initial: ReadonlyMap<string, string>;

  constructor(seed: Record<string, string> = {}) {
    this.files = new Map(Object.entries(seed).map(([path, text]) => [normalizePath(path), text]));
    this.initial = new Map(this.files);
  }

  read(path: string): string | undefined {
    return this.files.get(normalizePath(path));
  }

  write(path: string, text: string): void {
    this.files.set(normalizePath(path), text);
  }

  delete(path: string): boolean {
    return this.files.delete(normalizePath(path));
  }

  /** Paths under a folder ("" for all), sorted. */
  list(folder = ""): string[] {
    const prefix = normalizePath(folder);
    return [...this.files.keys()]
      .filter((path) => prefix === "" || path === prefix || path.startsWith(`${prefix}/`))
      .sort();
  }

  /** Paths whose content differs from the seed, including created and deleted ones, sorted. */
  changed(): string[] {
    const paths = new Set([...this.files.keys(), ...this.initial.keys()]);
    return [...paths].filter((path) => this.files.get(path) !== this.initial.get(path)).sort();
  }

  snapshot(): { files: Record<string, string>; changed: string[] } {
    return {
      files: Object.fromEntries([...this.files].sort(([a], [b]) => a.localeCompare(b))),
      changed: this.changed(),
    };
  }
}

/** "./a//b/" and "/a/b" both become "a/b"; ".." is not resolved, so nothing escapes the root. */
export function normalizePath(path: string): string {
  return path
    .split("/")
    .filter((part) => part !== "" && part !== ".")
    .join("/");
}
