/** A file-system error as a short phrase ("permission denied"). */
export function readErrorText(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ELOOP':
      return 'symbolic link loop';
    case 'ENOENT':
      return 'no such file (broken symbolic link?)';
    case 'EISDIR':
      return 'is a folder';
    default:
      return (err instanceof Error ? err.message : String(err)).split('\n')[0].trim();
  }
}

