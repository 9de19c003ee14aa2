"""OKRS_OUTBOUND_ALLOW is read when okrs starts; a bad entry stops it with the entry named."""

from tests.security.test_deploy import environment, okrs


def test_a_bad_allow_entry_stops_okrs_with_a_one_line_message(tmp_path):
    env = environment(tmp_path, OKRS_OUTBOUND_ALLOW="127.0.0.1, 10.0.0.0/33, hooks.internal")

    done = okrs(["check"], env)

    assert done.returncode != 0
    assert done.stderr.strip() == (
        "okrs: OKRS_OUTBOUND_ALLOW: '10.0.0.0/33' is neither an address, "
        "a range (10.0.0.0/8) nor a host name."
    )


def test_addresses_ranges_and_host_names_are_good_entries(tmp_path):
    env = environment(
        tmp_path, OKRS_OUTBOUND_ALLOW="127.0.0.1,10.0.0.0/8,[fd00::1],hooks.internal,*.corp.example"
    )

    done = okrs(["check"], env)

    assert done.returncode == 0, done.stderr
