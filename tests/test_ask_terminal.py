"""`gateway-roi ask` driven in a real pseudo-terminal (pexpect), as a user types at it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")

from gateway_roi.files.loading import dump_scenario, load_scenario_file, load_scenario_text  # noqa: E402
from gateway_roi.model.assumptions import ASSUMPTIONS, REGIONAL_LABOUR  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80", "LINES": "30", "TERM": "xterm",
       "PYTHONPATH": str(ROOT)}
ENV.pop("FORCE_COLOR", None)
QUESTION = r"(\d+)/(\d+)  ([^\r\n]*)"
PROMPT = r"\] > "
FINISH = "Enter to finish"


def spawn(tmp_path: Path, *args: str) -> pexpect.spawn:
    child = pexpect.spawn(sys.executable, ["-m", "gateway_roi", "ask", *args], cwd=str(tmp_path),
                          env=ENV, dimensions=(30, 80), timeout=30, encoding="utf-8")
    child.delaybeforesend = None  # answers are read line by line: no need to pace them
    child.logfile_read = _Log()
    return child


class _Log(list[str]):
    """Everything the terminal showed, to check colours and widths afterwards."""

    def write(self, text: str) -> None:
        self.append(text)

    def flush(self) -> None:
        pass

    def text(self) -> str:
        return "".join(self)


def next_question(child: pexpect.spawn) -> str | None:
    """Wait for the next prompt; return the question's text, or None at the final summary."""
    i = child.expect([QUESTION, FINISH])
    if i == 1:
        child.expect("\r\n> ")
        return None
    text = child.match.group(3)
    child.expect(PROMPT)
    return str(text)


def answer_all(child: pexpect.spawn, answers: dict[str, str] | None = None) -> Iterator[str]:
    """Answer each question (matched by a part of its text), Enter for the rest; yield texts."""
    answers = answers or {}
    while (text := next_question(child)) is not None:
        yield text
        child.sendline(next((a for part, a in answers.items() if part in text), ""))
    child.sendline("")


def finish(child: pexpect.spawn) -> int:
    child.expect(pexpect.EOF)
    child.close()
    return int(child.exitstatus if child.exitstatus is not None else -1)


def test_full_run_with_defaults_writes_a_scenario_evaluate_accepts(tmp_path: Path) -> None:
    """Enter at every question writes a scenario that evaluates and round-trips, in 80 columns."""
    child = spawn(tmp_path, "-o", "team.yaml")
    asked = list(answer_all(child, {"Name of this scenario": "Acme platform"}))
    child.expect("Wrote team.yaml")
    child.expect("rule: ")
    assert finish(child) == 0
    assert len(asked) <= 25
    path = tmp_path / "team.yaml"
    scenario = load_scenario_file(path)
    assert scenario.name == "Acme platform"
    assert load_scenario_text(dump_scenario(scenario)) == scenario
    proc = subprocess.run([sys.executable, "-m", "gateway_roi", "evaluate", str(path)], env=ENV,
                          capture_output=True, text=True, timeout=20, check=False)
    assert proc.returncode == 0, proc.stderr
    shown = child.logfile_read.text()
    # NO_COLOR: emphasis (bold) at most, never a colour.
    assert set(re.findall(r"\x1b\[([0-9;]*)m", shown)) <= {"", "0", "1", "22"}
    plain = re.sub(r"\x1b\[[0-9;]*m", "", shown).replace("\r", "")
    assert max(len(line) for line in plain.split("\n")) <= 80
    assert not list(tmp_path.glob("*.partial"))


def test_default_file_name_comes_from_the_scenario_name(tmp_path: Path) -> None:
    """Without -o the file is named after the scenario."""
    child = spawn(tmp_path)
    list(answer_all(child, {"Name of this scenario": "My Team"}))
    child.expect("Wrote my-team.yaml")
    assert finish(child) == 0
    assert load_scenario_file(tmp_path / "my-team.yaml").name == "My Team"


def test_going_back_with_less_than_keeps_the_later_answer_as_default(tmp_path: Path) -> None:
    """`<` returns to the previous question, whose answer is shown as its default."""
    child = spawn(tmp_path, "-o", "s.yaml")
    assert "Name of this scenario" in (next_question(child) or "")
    child.sendline("First")
    assert "Who makes this decision" in (next_question(child) or "")
    child.sendline("<")
    child.expect(r"Name of this scenario.*\[First\] > ")
    child.sendline("Second")
    list(answer_all(child))
    child.expect("Wrote s.yaml")
    assert finish(child) == 0
    assert load_scenario_file(tmp_path / "s.yaml").name == "Second"


def test_question_mark_shows_the_help_then_asks_again(tmp_path: Path) -> None:
    """`?` explains the question and where its default comes from, then asks it again."""
    child = spawn(tmp_path)
    for _ in range(4):
        next_question(child)
        child.sendline("")
    assert "How many services" in (next_question(child) or "")
    child.sendline("?")
    child.expect("Why it matters: Scale is one of the three conditions")
    child.expect("Default: 3, the scenario format's default")
    child.expect(r"How many services or projects call AI today\?\s+\[3\] > ")
    child.sendintr()
    assert finish(child) == 130


def test_invalid_answer_is_asked_again_with_the_reason(tmp_path: Path) -> None:
    """A wrong answer shows why and the same question comes back."""
    child = spawn(tmp_path, "-o", "s.yaml")
    answers = {"How many services": "lots", "How many AI API calls": "2M"}
    seen = []
    while (text := next_question(child)) is not None:
        seen.append(text)
        reply = next((a for part, a in answers.items() if part in text), "")
        if reply == "lots":
            child.sendline(reply)
            child.expect("Not valid: cannot read 'lots' as a number")
            assert "How many services" in (next_question(child) or "")
            reply = "12"
        child.sendline(reply)
    child.sendline("")
    child.expect("Wrote s.yaml")
    assert finish(child) == 0
    scenario = load_scenario_file(tmp_path / "s.yaml")
    assert scenario.organisation.services.likely == 12
    assert scenario.organisation.monthly_requests.likely == 2_000_000


def test_ctrl_c_saves_the_answers_and_resume_continues(tmp_path: Path) -> None:
    """Ctrl-C exits 130 keeping the answers (no scenario written); --resume picks up there."""
    child = spawn(tmp_path, "-o", "s.yaml")
    next_question(child)
    child.sendline("Acme")
    next_question(child)
    child.sendline("CTO")
    next_question(child)
    child.sendintr()
    child.expect("saved in s.yaml.partial")
    child.expect("--resume s.yaml.partial")
    assert finish(child) == 130
    assert not (tmp_path / "s.yaml").exists()
    assert (tmp_path / "s.yaml.partial").exists()

    child = spawn(tmp_path, "--resume", "s.yaml.partial")
    # The file to write comes from the partial file, not the command line: shown, confirmed.
    child.expect(r"s.yaml.partial says to write the scenario to s.yaml")
    child.expect(r"Write it there\? \[Y/n\] > ")
    child.sendline("")
    child.expect("2 answers so far")
    assert "Currency" in (next_question(child) or "")
    child.sendline("")
    list(answer_all(child))
    child.expect("Wrote s.yaml")
    assert finish(child) == 0
    scenario = load_scenario_file(tmp_path / "s.yaml")
    assert (scenario.name, scenario.decision_makers) == ("Acme", ["CTO"])
    assert not (tmp_path / "s.yaml.partial").exists()


def test_end_of_input_exits_1_and_saves_the_answers(tmp_path: Path) -> None:
    """Ctrl-D (end of input) exits 1, keeps the answers for --resume and writes no scenario."""
    child = spawn(tmp_path, "-o", "s.yaml")
    next_question(child)
    child.sendline("Acme")
    next_question(child)
    child.sendeof()
    child.expect("saved in s.yaml.partial")
    child.expect("input ended")
    assert finish(child) == 1
    assert not (tmp_path / "s.yaml").exists()
    assert "name: Acme" in (tmp_path / "s.yaml.partial").read_text(encoding="utf-8")


def test_existing_file_is_not_overwritten_without_confirmation(tmp_path: Path) -> None:
    """An existing scenario file is kept unless the user says yes."""
    (tmp_path / "s.yaml").write_text("name: keep me\n", encoding="utf-8")
    child = spawn(tmp_path, "-o", "s.yaml")
    list(answer_all(child))
    child.expect(r"s.yaml already exists. Overwrite it\? \[y/N\] > ")
    child.sendline("")
    child.expect(r"File to write instead \[s-2.yaml\] > ")
    child.sendline("")
    child.expect("Wrote s-2.yaml")
    assert finish(child) == 0
    assert (tmp_path / "s.yaml").read_text(encoding="utf-8") == "name: keep me\n"


def run_piped(tmp_path: Path, *args: str, stdin: str = "yes\n") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gateway_roi", "ask", *args], input=stdin, env=ENV,
                          cwd=tmp_path, capture_output=True, text=True, timeout=20, check=False)


def test_piped_stdin_stops_with_a_message_naming_defaults_and_from(tmp_path: Path) -> None:
    """With stdin from a pipe, ask reads nothing, names --defaults and --from and exits 2."""
    proc = run_piped(tmp_path, "-o", "s.yaml")
    assert proc.returncode == 2
    assert "--defaults" in proc.stderr and "--from" in proc.stderr
    assert proc.stdout == ""
    assert not list(tmp_path.iterdir())


def test_defaults_flag_writes_without_a_terminal(tmp_path: Path) -> None:
    """--defaults answers everything with defaults, even with a pipe on stdin."""
    proc = run_piped(tmp_path, "--defaults", "-o", "s.yaml")
    assert proc.returncode == 0, proc.stderr
    assert "rule: " in proc.stdout
    assert load_scenario_file(tmp_path / "s.yaml") == load_scenario_text("name: Unnamed scenario")
    again = run_piped(tmp_path, "--defaults", "-o", "s.yaml")
    assert again.returncode == 1
    assert "--force" in again.stderr


def test_from_with_defaults_copies_a_scenario(tmp_path: Path) -> None:
    """--from FILE --defaults writes the same scenario again."""
    source = ROOT / "scenarios" / "large-org-governance.yaml"
    proc = run_piped(tmp_path, "--from", str(source), "--defaults", "-o", "copy.yaml")
    assert proc.returncode == 0, proc.stderr
    assert load_scenario_file(tmp_path / "copy.yaml") == load_scenario_file(source)


def test_report_flag_writes_the_markdown_record(tmp_path: Path) -> None:
    """--report FILE also writes the markdown decision record of the scenario."""
    pytest.importorskip("gateway_roi.outputs.report")
    proc = run_piped(tmp_path, "--defaults", "-o", "s.yaml", "--report", "s.md")
    assert proc.returncode == 0, proc.stderr
    report = (tmp_path / "s.md").read_text(encoding="utf-8")
    assert "Unnamed scenario" in report
    assert re.search(r"^#", report, re.M)


def test_a_rate_the_wrong_way_round_is_caught_and_its_effect_shown(tmp_path: Path) -> None:
    """EUR gets a dated default; 1.08 (USD per EUR) is asked again; a converted price and the
    engineer hour are shown back."""
    child = spawn(tmp_path, "-o", "s.yaml")
    while "Currency" not in (next_question(child) or ""):
        child.sendline("")
    child.sendline("EUR")
    child.expect(r"How many EUR does one US dollar buy\? \(default: ECB reference rate\s+of\s+"
                 r"2026-10-06\)")
    child.expect(r"\[0\.8874\] > ")
    child.sendline("1.08")
    child.expect("Check this: 1.08 EUR per US dollar is far from the ECB reference rate")
    child.expect("other way round")
    child.expect(r"How many EUR does one US dollar buy\?")
    child.expect(PROMPT)
    child.sendline("0.9")
    price = ASSUMPTIONS["instance_cost_per_month"].value * 0.9
    hour = REGIONAL_LABOUR["engineer_hour_cost"]["EUR"].value
    child.expect(rf"costs\s+{price:,.3g}\s+EUR\.\s+Pay\s+is\s+not\s+converted:\s+an\s+engineer\s+"
                 rf"hour\s+defaults\s+to\s+{hour:g}\s+EUR")
    list(answer_all(child))
    child.expect("Wrote s.yaml")
    assert finish(child) == 0
    scenario = load_scenario_file(tmp_path / "s.yaml")
    assert scenario.currency == "EUR"
    assert scenario.usd_rate is not None and scenario.usd_rate.likely == 0.9


def test_a_platform_team_is_not_given_a_size_of_zero(tmp_path: Path) -> None:
    """After "platform team? yes" comes the 24x7 question: no "[0]" team size contradicts it."""
    child = spawn(tmp_path, "-o", "s.yaml", "--report", "s.md")
    asked = list(answer_all(child, {"platform or SRE team": "yes", "24x7": "yes"}))
    child.expect("Wrote the decision record")
    assert finish(child) == 0
    team = next(i for i, text in enumerate(asked) if "platform or SRE team" in text)
    assert "24x7" in asked[team + 1]
    shown = child.logfile_read.text()
    assert "How many engineers" not in shown and "[0] >" not in shown
    assert "platform_team_size" not in (tmp_path / "s.yaml").read_text(encoding="utf-8")
    record = (tmp_path / "s.md").read_text(encoding="utf-8")
    assert "team of 0" not in record and "A platform/SRE team already runs" in record


def test_rotation_pain_brings_its_figures_onto_the_main_path(tmp_path: Path) -> None:
    """Naming rotation as a pain asks rotations a year and hours each, right after environments."""
    child = spawn(tmp_path, "-o", "s.yaml")
    answers = {"Which of these hurt today": "1", "times a year are provider keys rotated": "12",
               "Hours to rotate one key": "0.5", "Adjust the published": "no"}
    asked = list(answer_all(child, answers))
    child.expect("Wrote s.yaml")
    assert finish(child) == 0
    envs = next(i for i, text in enumerate(asked) if text.startswith("Environments"))
    assert "rotated" in asked[envs + 1] and "Hours to rotate" in asked[envs + 2]
    assert any(text.startswith("Adjust the published") for text in asked[envs + 3:])
    ops = load_scenario_file(tmp_path / "s.yaml").operations
    assert ops.key_rotations_per_year is not None and ops.key_rotations_per_year.likely == 12
    assert ops.hours_per_rotation is not None and ops.hours_per_rotation.likely == 0.5


def test_the_partial_files_header_repeats_the_resume_command_said(tmp_path: Path) -> None:
    """Ctrl-C with -o and --report: the .partial file gives the same command as the terminal."""
    child = spawn(tmp_path, "-o", "s.yaml", "--report", "s.md")
    next_question(child)
    child.sendline("Acme")
    next_question(child)
    child.sendintr()
    child.expect(r"continue with:\s+(gateway-roi ask [^\r\n]+)")
    said = child.match.group(1).strip()
    assert finish(child) == 130
    assert "-o s.yaml" in said and "--report s.md" in said
    header = (tmp_path / "s.yaml.partial").read_text(encoding="utf-8").splitlines()[:2]
    assert header[1] == f"#   {said}"


def words(text: str) -> str:
    """A pattern for ``text`` however the terminal wrapped it (any run of spaces may break)."""
    return r"\s+".join(re.escape(word) for word in text.split())


def test_models_run_in_house_under_stay_in_house(tmp_path: Path) -> None:
    """vLLM next to OpenAI, data may not leave: leaving OpenAI unmarked is refused with the way
    out; going back to drop it writes a valid file; `?` on native APIs wraps in 80 columns."""
    child = spawn(tmp_path, "-o", "s.yaml")
    answers = {"Must one place enforce where AI data": "required", "What may external AI providers": "3",
               "Which AI providers": "openai, vllm", "sell or expose the gateway": "no"}
    providers_given = 0
    while (text := next_question(child)) is not None:
        if "Which AI providers" in text:
            providers_given += 1
            child.sendline("openai, vllm" if providers_given == 1 else "vllm")
            continue
        if "Which of them do you run yourself" in text:
            if providers_given == 1:
                child.sendline("vllm")
                child.expect(words("Not valid: your data may not leave (in_house)"))
                child.expect(words("openai is not named here"))
                child.expect(PROMPT)
                child.sendline("<")
            else:
                child.sendline("vllm")
            continue
        if "provider-native APIs" in text:
            child.sendline("?")
            child.expect(words("a unified API does not carry these"))
            child.expect(PROMPT)
            child.sendline("batch")
            continue
        child.sendline(next((a for part, a in answers.items() if part in text), ""))
    child.sendline("")
    child.expect("Wrote s.yaml")
    assert finish(child) == 0
    scenario = load_scenario_file(tmp_path / "s.yaml")
    assert scenario.needs.data.providers == "in_house"
    assert [(p.name, p.self_hosted) for p in scenario.providers.in_use] == [("vllm", True)]
    assert scenario.needs.native_apis.batch == "required"
    plain = re.sub(r"\x1b\[[0-9;]*m", "", child.logfile_read.text()).replace("\r", "")
    assert max(len(line) for line in plain.split("\n")) <= 80
