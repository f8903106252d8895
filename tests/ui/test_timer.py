"""The countdown reads its time from an injected clock: no sleeps, no drift."""

from __future__ import annotations

from rcdesk.ui.conversations.timer import Countdown, TimerState, format_time


class Mono:
    def __init__(self) -> None:
        self.t = 50.0

    def __call__(self) -> float:
        return self.t


def test_format_time_counts_down_in_whole_seconds_then_over() -> None:
    assert [format_time(s) for s in (600, 61, 60.4, 0.2, 0, -0.6, -12, -75)] == [
        "10:00", "1:01", "1:01", "0:01", "0:00", "0:00", "−0:12", "−1:15"]


def test_start_pause_add_minute_and_reset(qapp) -> None:
    clock = Mono()
    beeps: list[int] = []
    countdown = Countdown(clock, beep=lambda: beeps.append(1))
    countdown.reset(2)
    assert (countdown.text(), countdown.state(), countdown.running) == ("2:00",
                                                                        TimerState.NORMAL, False)
    clock.t += 30  # paused: nothing counts
    assert countdown.remaining() == 120
    countdown.toggle()
    clock.t += 61
    assert countdown.state() is TimerState.AMBER and countdown.text() == "0:59"
    countdown.pause()
    clock.t += 100
    assert countdown.text() == "0:59"
    countdown.start()
    clock.t += 59
    countdown.tick()
    assert countdown.state() is TimerState.OVER and beeps == [1]
    phases = set()
    for _ in range(4):
        clock.t += 0.5
        phases.add(countdown.pulse_on())
    assert phases == {True, False}  # it pulses
    countdown.tick()
    assert beeps == [1]  # one beep, not one per tick
    countdown.add_minute()
    assert countdown.state() is TimerState.AMBER and countdown.pulse_on()
    countdown.reset(5, start=True)
    assert countdown.running and countdown.text() == "5:00"
    countdown.timer.stop()
