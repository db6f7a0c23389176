"""schema.org's vocabulary, read from the typings Google publishes with it
(npm's ``schema-dts``, a dev dependency: ``npm ci``), to check the JSON-LD the
site prints: every node's ``@type`` is a schema.org type, every property is one
schema.org defines for that type (or a type it inherits from), and every nested
node's type is one the property accepts (a subtype counts). Text values are
not checked further: JSON-LD lets any property carry text.
"""

import os
import re
from functools import cache
from pathlib import Path

import pytest

TYPINGS = Path(__file__).resolve().parents[2] / "node_modules" / "schema-dts" / "dist" / "schema.d.ts"

BASE = re.compile(r"^interface (\w+)Base extends ([^{]+)\{$")
LEAF = re.compile(r"^export interface (\w+)Leaf extends (\w+)Base \{$")
UNION = re.compile(r"^export type (\w+) = ([^;]+);$")
PROPERTY = re.compile(r'^\s+"([\w@-]+)"\?: SchemaValue<(.+), "\1">;$')


class Vocabulary:
    def __init__(self, text):
        self.bases = {}  # base name -> parent base names
        self.properties = {}  # base name -> {property: accepted type names}
        self.leaf_base = {}  # type -> its base
        self.union = {}  # type -> the types it stands for (itself and its subtypes)
        current = None
        for line in text.splitlines():
            if match := BASE.match(line):
                current = match[1]
                parents = [name.strip() for name in match[2].split(",")]
                self.bases[current] = [name.removesuffix("Base") for name in parents if name.strip().endswith("Base")]
                self.properties[current] = {}
            elif match := LEAF.match(line):
                self.leaf_base[match[1]] = match[2]
                current = None
            elif match := UNION.match(line):
                self.union[match[1]] = [name.strip().removesuffix("Leaf") for name in match[2].split("|")]
                current = None
            elif line.startswith("}"):
                current = None
            elif current and (match := PROPERTY.match(line)):
                self.properties[current][match[1]] = {name.strip() for name in match[2].split("|")}

    def is_type(self, name):
        return name in self.leaf_base

    def ancestors(self, type_name):
        """The type's bases, itself first, up to Thing."""
        found, todo = [], [self.leaf_base.get(type_name, type_name)]
        while todo:
            base = todo.pop(0)
            if base in found:
                continue
            found.append(base)
            todo.extend(self.bases.get(base, []))
        return found

    def accepted(self, type_name, prop):
        """The types a property of this type accepts, or None if it has no such property."""
        for base in self.ancestors(type_name):
            if prop in self.properties.get(base, {}):
                return self.properties[base][prop]
        return None

    def subtypes(self, type_name):
        """The type and every type below it."""
        found, todo = set(), [type_name]
        while todo:
            name = todo.pop()
            if name in found:
                continue
            found.add(name)
            todo.extend(other for other in self.union.get(name, []) if other != name)
        return found

    def problems(self, node, path="$"):
        """What in a JSON-LD node (and the nodes inside it) schema.org does not define."""
        if isinstance(node, list):
            return [problem for i, item in enumerate(node) for problem in self.problems(item, f"{path}[{i}]")]
        if not isinstance(node, dict):
            return []
        type_name = node.get("@type")
        if not type_name:
            return [f"{path}: a node without @type"]
        if not self.is_type(type_name):
            return [f"{path}: {type_name} is not a schema.org type"]
        found = []
        for prop, value in node.items():
            if prop.startswith("@"):
                continue
            accepted = self.accepted(type_name, prop)
            if accepted is None:
                found.append(f"{path}: {type_name} has no property {prop}")
                continue
            for i, item in enumerate(value if isinstance(value, list) else [value]):
                inner = f"{path}.{prop}" + (f"[{i}]" if isinstance(value, list) else "")
                if isinstance(item, dict):
                    allowed = set().union(*(self.subtypes(name) for name in accepted))
                    if item.get("@type") not in allowed:
                        found.append(f"{inner}: {prop} takes {sorted(accepted)}, not {item.get('@type')}")
                    found += self.problems(item, inner)
        return found


@cache
def vocabulary():
    if not TYPINGS.exists():
        message = "schema-dts is not installed: run `npm ci` in the project folder"
        if os.environ.get("NEWSROOM_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    return Vocabulary(TYPINGS.read_text(encoding="utf-8"))
