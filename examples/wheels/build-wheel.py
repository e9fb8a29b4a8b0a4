#!/usr/bin/env python3
"""Build examples/wheels/hello_greeting-1.0.0-py3-none-any.whl from hello_greeting/.

The wheel is reproducible byte for byte: entries in a fixed order (the package files sorted
by path, then METADATA, WHEEL and RECORD last, as the wheel specification recommends), a
fixed timestamp, fixed Unix permissions, no compression (so the bytes do not depend on the
zlib version), and a RECORD with the sha256 and size of every file. Only the standard
library is used.

    python3 examples/wheels/build-wheel.py [OUT_DIR]    # default: the folder of this script

Rebuild it after changing hello_greeting/ and commit the new wheel; packreg's tests check
that this script reproduces the committed one.
"""
import base64
import hashlib
import sys
import zipfile
from pathlib import Path

NAME = "hello_greeting"
VERSION = "1.0.0"
TAG = "py3-none-any"
SUMMARY = "The greeting of packreg's hello_python example pack"

HERE = Path(__file__).resolve().parent
SOURCE = HERE / NAME
DIST_INFO = f"{NAME}-{VERSION}.dist-info"
# The earliest time a zip entry can hold (1980-01-01 00:00:00).
TIMESTAMP = (1980, 1, 1, 0, 0, 0)
FILE_MODE = 0o100644

METADATA = f"""Metadata-Version: 2.1
Name: {NAME.replace("_", "-")}
Version: {VERSION}
Summary: {SUMMARY}
License: Apache-2.0
Requires-Python: >=3.9
"""

WHEEL = f"""Wheel-Version: 1.0
Generator: packreg examples/wheels/build-wheel.py
Root-Is-Purelib: true
Tag: {TAG}
"""


def package_files():
    """(archive path, bytes) of every source file of the package, sorted by path; no caches."""
    files = []
    for path in SOURCE.rglob("*"):
        relative = path.relative_to(HERE).as_posix()
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            files.append((relative, path.read_bytes()))
    if not files:
        sys.exit(f"build-wheel: no source files in {SOURCE}")
    return sorted(files)


def record_line(path, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode("ascii")
    return f"{path},sha256={digest},{len(data)}"


def entry(path):
    info = zipfile.ZipInfo(path, date_time=TIMESTAMP)
    info.compress_type = zipfile.ZIP_STORED
    info.create_system = 3  # Unix, whatever the platform, so the permissions below are read
    info.external_attr = FILE_MODE << 16
    return info


def build(out_dir):
    entries = package_files() + [
        (f"{DIST_INFO}/METADATA", METADATA.encode("utf-8")),
        (f"{DIST_INFO}/WHEEL", WHEEL.encode("utf-8")),
    ]
    record = "".join(f"{record_line(path, data)}\n" for path, data in entries) + f"{DIST_INFO}/RECORD,,\n"
    entries.append((f"{DIST_INFO}/RECORD", record.encode("utf-8")))
    out_dir.mkdir(parents=True, exist_ok=True)
    wheel = out_dir / f"{NAME}-{VERSION}-{TAG}.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        for path, data in entries:
            archive.writestr(entry(path), data)
    return wheel


def main(argv):
    if len(argv) > 2:
        sys.exit("usage: build-wheel.py [OUT_DIR]")
    wheel = build(Path(argv[1]).resolve() if len(argv) == 2 else HERE)
    print(f"{wheel} sha256:{hashlib.sha256(wheel.read_bytes()).hexdigest()}")


if __name__ == "__main__":
    main(sys.argv)
