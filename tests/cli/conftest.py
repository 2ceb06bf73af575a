"""The `govcrawl` fixture: one command-line call, in-process."""

import pytest

from govcrawl.cli.main import main


class Run:
    """What one in-process `govcrawl` call returned and printed, as subprocess.run would give it."""

    def __init__(self, capsys, args):
        try:
            self.returncode = main(list(args))
        except SystemExit as exit:  # argparse's --help and usage errors
            self.returncode = exit.code if isinstance(exit.code, int) else 1
        self.stdout, self.stderr = capsys.readouterr()


@pytest.fixture
def govcrawl(capsys):
    # The same main() as `python -m govcrawl`, without a Python start per call;
    # tests/cli/test_commands.py::test_a_real_process_prints_one_line checks the real process once.
    return lambda *args: Run(capsys, args)
