"""The pack's tests: run by the installer as `python -m unittest tests/test_greet.py` with
the pack's virtualenv, so they also check that the requirement was installed.

They print the "simple" result format (Total Tests / Passed / Failed / Skipped) that Attune
reads from the output.
"""
import io
import os
import sys
import unittest
from contextlib import redirect_stdout

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "actions"))

import greet  # noqa: E402
import hello_greeting  # noqa: E402


class GreetTest(unittest.TestCase):
    def test_requirement_is_installed(self):
        self.assertEqual(hello_greeting.__version__, "1.0.0")

    def test_greets_by_name(self):
        self.assertEqual(greet.greet("Ada"), "Hello, Ada!")

    def test_action_prints_the_greeting(self):
        out = io.StringIO()
        with redirect_stdout(out):
            greet.main(["greet.py", "world"])
        self.assertEqual(out.getvalue(), "Hello, world!\n")


def load_tests(loader, tests, pattern):
    """Report the run in the simple format once unittest has finished it."""
    suite = _SimpleReport()
    suite.addTests(tests)
    return suite


class _SimpleReport(unittest.TestSuite):
    def run(self, result, debug=False):
        outcome = super().run(result, debug)
        failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
        skipped = len(result.skipped)
        print(f"Total Tests: {result.testsRun}")
        print(f"Passed: {result.testsRun - failed - skipped}")
        print(f"Failed: {failed}")
        print(f"Skipped: {skipped}")
        return outcome


if __name__ == "__main__":
    unittest.main()
