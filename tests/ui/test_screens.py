"""The audience view goes to the projector; one screen means the presenter toggle."""

from __future__ import annotations

from rcdesk.ui.conversations.screens import plan_screens


def test_one_screen_keeps_both_views_on_it() -> None:
    plan = plan_screens([(0, 0, 1920, 1080)], ["eDP-1"], 0)
    assert (plan.facilitator, plan.audience, plan.two_screens) == (0, 0, False)


def test_the_projector_is_the_screen_that_is_not_the_laptop() -> None:
    plan = plan_screens([(0, 0, 1280, 720), (1920, 0, 1920, 1080)], ["HDMI-1", "eDP-1"], 1)
    assert (plan.facilitator, plan.audience, plan.two_screens) == (1, 0, True)


def test_with_three_screens_the_largest_other_screen_wins() -> None:
    geometries = [(0, 0, 2560, 1600), (2560, 0, 1024, 768), (3584, 0, 1920, 1080)]
    assert plan_screens(geometries, ["eDP-1", "DP-1", "DP-2"], 0).audience == 2


def test_equal_screens_prefer_the_one_named_like_a_projector() -> None:
    geometries = [(0, 0, 1920, 1080), (1920, 0, 1280, 720), (3200, 0, 1280, 720)]
    assert plan_screens(geometries, ["eDP-1", "Dell U24", "HDMI-2"], 0).audience == 2


def test_a_mirrored_screen_and_odd_input_fall_back_to_one_screen() -> None:
    mirrored = plan_screens([(0, 0, 1920, 1080), (0, 0, 1920, 1080)], ["a", "b"], 0)
    assert not mirrored.two_screens
    assert plan_screens([], [], 0).audience == 0
    assert plan_screens([(0, 0, 800, 600), (800, 0, 800, 600)], [], 7).facilitator == 0
