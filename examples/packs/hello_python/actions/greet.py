"""Print a greeting: the action behind hello_python.greet.

The greeting comes from hello_greeting, the pack's requirement (requirements.txt), which the
installer puts into the pack's virtualenv.
"""
import sys

from hello_greeting import greet


def main(argv):
    print(greet(argv[1] if len(argv) > 1 else "world"))


if __name__ == "__main__":
    main(sys.argv)
