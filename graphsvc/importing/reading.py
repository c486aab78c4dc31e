"""Reading the two file forms of ``docs/model.md`` into batches.

A JSON document is one batch. A JSON Lines file is read line by line and
yields each declared batch (``{"batch": "NAME"}``) as soon as it ends, so
memory holds one batch, never the whole file. A JSON Lines file can also be
read in spans that start at batch lines (:func:`batch_spans`), so separate
processes can check its batches side by side.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from tqdm import tqdm

from graphsvc.importing.batch import Batch
from graphsvc.importing.problems import Problem
from graphsvc.importing.validation import shown
from graphsvc.model import FORMAT


def read_json(path: Path, source: str) -> Batch:
    batch = Batch(source)

    def fail(message: str) -> Batch:
        batch.problems.append(Problem(source=source, message=message))
        return batch

    try:
        with path.open(encoding="utf-8") as stream:
            document = json.load(stream)
    except (OSError, UnicodeDecodeError) as error:
        return fail(f"cannot be read: {error}")
    except json.JSONDecodeError as error:
        return fail(f"is not valid JSON: {error}")
    except RecursionError:
        return fail("nests arrays or objects too deeply to decode")
    except ValueError:  # an integer of more than 4,300 digits
        return fail("contains an integer of more than 4,300 digits")
    if not isinstance(document, dict):
        return fail(f'expected {{"format": "{FORMAT}", "records": [...]}}, got {shown(document)}')
    if document.get("format") != FORMAT:
        return fail(f'expected "format": "{FORMAT}", got {shown(document.get("format"))}')
    records = document.get("records")
    if not isinstance(records, list):
        return fail(f'expected "records": a list of records, got {shown(records)}')
    extra = sorted(set(document) - {"format", "records"})
    if extra:
        return fail(f"has keys other than format and records: {', '.join(extra)}")
    for number, raw in enumerate(records, start=1):
        batch.add(raw, f"record {number}")
    return batch


@dataclass(frozen=True)
class Span:
    """Bytes ``start`` to ``end`` of a JSON Lines file, whose first line is ``first_line``."""

    start: int
    end: int
    first_line: int


def _declares_batch(raw: Any) -> bool:
    """Whether a line's value starts a batch (``{"batch": "NAME"}``), not a record."""
    return isinstance(raw, dict) and "batch" in raw and "type" not in raw


def _is_batch_line(line: bytes) -> bool:
    if not line.lstrip().startswith(b'{"batch"'):
        return False
    try:
        return _declares_batch(json.loads(line))
    except ValueError:
        return False


def batch_spans(path: Path, parts: int) -> list[Span]:
    """Up to ``parts`` spans of about equal size covering the file, each after the first
    starting at a batch line, so every span holds whole batches (one span when the file
    declares no batches)."""
    size = path.stat().st_size
    starts = [0]
    with path.open("rb") as stream:
        for part in range(1, parts):
            cut = max(size * part // parts, starts[-1] + 1)
            if cut >= size:
                break
            stream.seek(cut - 1)
            stream.readline()  # the rest of the line the cut fell in
            while line := stream.readline():
                if _is_batch_line(line):
                    starts.append(stream.tell() - len(line))
                    break
            if starts[-1] >= size - 1 or not line:
                break
        stream.seek(0)
        lines = [1]
        done = 0
        for start in starts[1:]:
            lines.append(lines[-1] + _newlines(stream, start - done))
            done = start
    ends = [*starts[1:], size]
    return [Span(start, end, line) for start, end, line in zip(starts, ends, lines, strict=True)]


def _newlines(stream: IO[bytes], size: int, chunk: int = 1 << 20) -> int:
    """How many line ends the next ``size`` bytes hold, read a megabyte at a time."""
    count = 0
    while size > 0:
        read = stream.read(min(chunk, size))
        if not read:
            break
        count += read.count(b"\n")
        size -= len(read)
    return count


def _until(stream: Iterable[bytes], end: int, position: int) -> Iterator[bytes]:
    for line in stream:
        if position >= end:
            return
        position += len(line)
        yield line


def read_jsonl(
    path: Path, source: str, *, progress: bool = False, span: Span | None = None
) -> Iterator[Batch]:
    """Each batch of the file (or of its span) in order; the first has no name unless the
    file names it."""
    try:
        size = path.stat().st_size
        stream = path.open("rb")
    except OSError as error:
        batch = Batch(source)
        batch.problems.append(Problem(source=source, message=f"cannot be read: {error}"))
        yield batch
        return
    bar = tqdm(
        total=size, unit="B", unit_scale=True, desc=path.name, disable=not progress, leave=False
    )
    with stream, bar:
        lines: Iterable[bytes] = stream
        if span is not None:
            stream.seek(span.start)
            lines = _until(stream, span.end, span.start)
        batch = Batch(source)
        first = 1 if span is None else span.first_line
        for number, line in enumerate(lines, start=first):
            if progress:
                bar.update(len(line))
            if not line.strip():
                continue
            position = f"line {number}"
            try:
                raw: Any = json.loads(line.decode("utf-8"))
            except (json.JSONDecodeError, UnicodeDecodeError) as error:
                batch.problems.append(
                    Problem(source=source, position=position, message=f"is not valid JSON: {error}")
                )
                continue
            except RecursionError:
                message = "nests arrays or objects too deeply to decode"
                batch.problems.append(Problem(source=source, position=position, message=message))
                continue
            except ValueError:  # an integer of more than 4,300 digits
                message = "contains an integer of more than 4,300 digits"
                batch.problems.append(Problem(source=source, position=position, message=message))
                continue
            if _declares_batch(raw):
                name = raw["batch"]
                if set(raw) != {"batch"} or not isinstance(name, str) or not name:
                    batch.problems.append(
                        Problem(
                            source=source,
                            position=position,
                            message=f'expected {{"batch": "NAME"}}, got {shown(raw)}',
                        )
                    )
                    continue
                if batch.records or batch.problems or batch.name is not None:
                    yield batch
                batch = Batch(source, name)
            elif isinstance(raw, dict) and "format" in raw and "type" not in raw:
                if number != 1 or raw != {"format": FORMAT}:
                    batch.problems.append(
                        Problem(
                            source=source,
                            position=position,
                            message=f'expected {{"format": "{FORMAT}"}} on line 1 only, '
                            f"got {shown(raw)}",
                        )
                    )
            else:
                batch.add(raw, position)
        yield batch
