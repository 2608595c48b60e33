"""Runs ndj's notebooks headless in a real Jupyter kernel and checks their outputs.

usage: python3 notebooks/run.py [--update] [--kernel NAME] NOTEBOOK...

Each notebook runs top to bottom in the kernel NAME (default 'ndj', installed by `./ndj notebook --install-only`)
through nbclient. A code cell's fresh outputs must equal the committed ones (text, HTML and SVG), unless its
metadata says otherwise: {"ndj": {"expect": REGEX}} fully matches the cell's text output (streams and values joined)
instead, for output that depends on the machine (timings, the backend, the GPU). A cell that raises fails the run.
--update writes the fresh outputs into the notebooks instead of checking them.
"""
import re
import sys

import nbformat
from nbclient import NotebookClient


def text_of(outputs):
    parts = []
    for o in outputs:
        if o.output_type == 'stream':
            parts.append(o.text)
        elif o.output_type in ('execute_result', 'display_data'):
            parts.append(o.data.get('text/plain', ''))
    return ''.join(parts)


def comparable(outputs):
    keep = []
    for o in outputs:
        if o.output_type == 'stream':
            keep.append(('stream', o.name, o.text))
        elif o.output_type in ('execute_result', 'display_data'):
            keep.append((o.output_type, tuple(sorted((k, v) for k, v in o.data.items()))))
        else:
            keep.append((o.output_type, str(o)))
    return keep


def main(argv):
    update = '--update' in argv
    kernel = 'ndj'
    args = [a for a in argv if a != '--update']
    if '--kernel' in args:
        i = args.index('--kernel')
        kernel = args[i + 1]
        del args[i:i + 2]
    failures = 0
    for path in args:
        committed = nbformat.read(path, as_version=4)
        fresh = nbformat.read(path, as_version=4)
        NotebookClient(fresh, kernel_name=kernel, timeout=600, allow_errors=True).execute()
        for n, (old, new) in enumerate(zip(committed.cells, fresh.cells)):
            if new.cell_type != 'code':
                continue
            errors = [o for o in new.outputs if o.output_type == 'error']
            if errors:
                failures += 1
                print('%s cell %d raised: %s: %s' % (path, n, errors[0].ename, errors[0].evalue))
                continue
            if update:
                continue
            expect = old.metadata.get('ndj', {}).get('expect')
            if expect is not None:
                got = text_of(new.outputs)
                if not re.fullmatch(expect, got, re.S):
                    failures += 1
                    print('%s cell %d: output %r does not match %r' % (path, n, got, expect))
            elif comparable(old.outputs) != comparable(new.outputs):
                failures += 1
                print('%s cell %d: outputs differ\n  committed: %r\n  fresh:     %r'
                      % (path, n, comparable(old.outputs), comparable(new.outputs)))
        if update:
            for c in fresh.cells:
                if c.cell_type == 'code':
                    c.execution_count = None
                    for o in c.outputs:
                        if 'execution_count' in o:
                            o.execution_count = None
            nbformat.write(fresh, path)
        print('%s: %d cells, %s' % (path, len(fresh.cells), 'written' if update else 'checked'))
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
