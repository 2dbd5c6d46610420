/**
 * Reading the points of a map: thousands of files written by one integration program. The format is recognised on
 * the first file of each extension (every reader asked, as for any import) and the same reader is tried first on
 * the others; a file it cannot read is recognised on its own, so a folder mixing formats still reads. Recognising
 * every file cost 60 % of the reading time of a 100 × 100 map. The remembered reader must still recognise the file
 * (its own detect, not every reader's), so a file of another kind is never forced through it.
 */
import type { Pattern } from '../../shared/xrd';
import { detectXrdFormat, formatConfidence, importPattern } from '../formats/xrd/index';

const extensionOf = (name: string): string => /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';

/** One pattern per call (the first frame of the file); remembers the reader per extension. */
export function mapPatternReader(): (fileName: string, bytes: Uint8Array) => Pattern {
  const formatByExtension = new Map<string, string>();
  return (fileName, bytes) => {
    const ext = extensionOf(fileName);
    const known = formatByExtension.get(ext);
    if (known && formatConfidence(known, fileName, bytes) > 0) {
      try {
        return importPattern(fileName, bytes, { formatId: known });
      } catch {
        // not this reader after all: recognised on its own below
      }
    }
    const found = detectXrdFormat(fileName, bytes);
    const pattern = importPattern(fileName, bytes, found ? { formatId: found.id } : undefined);
    if (found && !known) formatByExtension.set(ext, found.id);
    return pattern;
  };
}
