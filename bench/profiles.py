"""Profiles (pyinstrument) of the reads that miss their target: what costs the time."""

from pathlib import Path

from pyinstrument import Profiler

from bench.organisation import Organisation
from bench.reads import Scene, pages, read, signed_in


def run(organisation: Organisation, found: Scene, names: list[str], prefix: str) -> dict:
    """Profile each named read once (after a warm-up); write the text profiles; return paths."""
    client = signed_in(organisation)
    written = {}
    for name in names:
        page = pages(found)[name]
        read(client, page["url"], page["headers"])
        profiler = Profiler(interval=0.001)
        with profiler:
            read(client, page["url"], page["headers"])
        slug = name.replace(" ", "-").replace("(", "").replace(")", "")
        path = Path(f"{prefix}{slug}.txt")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(profiler.output_text(show_all=False, short_mode=False))
        Path(f"{prefix}{slug}-flat.txt").write_text(profiler.output_text(flat=True))
        written[name] = str(path)
        print(f"   profiled {name}: {path}", flush=True)
    return written
