"""[signoff] in hengyang-print.toml: the chain, who may hold each role, the local user, password hashes."""

from __future__ import annotations

import pytest

from hengyang_print.ledger import DEFAULT_CHAIN, LedgerError, hash_password, read_signoff, verify_password

from .conftest import make_project


def test_without_a_signoff_table_the_default_chain_and_anyone_for_any_role(tmp_path):
    signoff = read_signoff(make_project(tmp_path, "# no settings\n"))
    assert signoff.chain == DEFAULT_CHAIN == ("一校", "二校", "三校", "责任编辑", "部门主任", "值班总编")
    assert not signoff.people_configured and signoff.may_hold("任何人", "值班总编")
    assert signoff.local_user


def test_a_chain_and_its_people(tmp_path):
    signoff = read_signoff(
        make_project(
            tmp_path,
            '[signoff]\nchain = ["校对", "终审"]\nlocal_user = "小王"\n[signoff.roles]\n"校对" = ["小王", "小李"]\n',
        )
    )
    assert signoff.chain == ("校对", "终审") and signoff.local_user == "小王"
    assert signoff.may_hold("小李", "校对") and not signoff.may_hold("小李", "终审")
    assert signoff.who_may_hold("终审") == () and "names no one" in signoff.why_not("小王", "终审")
    assert signoff.roles_of("小王") == ("校对",) and signoff.people == ("小王", "小李")


@pytest.mark.parametrize(
    "text, message",
    [
        ('[signoff]\nchian = ["一校"]\n', "unknown key 'chian'; did you mean 'chain'"),
        ('[signoff]\nchain = ["一校", "一校"]\n', "distinct role names"),
        ('[signoff]\nchain = "一校"\n', "distinct role names"),
        ('[signoff.roles]\n"一校对" = ["王"]\n', "'一校对' is not in the chain; did you mean '一校'"),
        ('[signoff.roles]\n"一校" = "王"\n', "must be a list of names"),
        ('[signoff.passwords]\n"王" = "hunter2"\n', "not a hash made by hash_password"),
        ("[signoff\n", "hengyang-print.toml: "),
    ],
)
def test_a_mistake_in_the_table_names_the_file_and_the_key(tmp_path, text, message):
    make_project(tmp_path, text)
    with pytest.raises(LedgerError) as caught:
        read_signoff(tmp_path)
    assert message in str(caught.value) and str(tmp_path / "hengyang-print.toml") in str(caught.value)


def test_passwords_are_kept_as_salted_scrypt_hashes(tmp_path):
    stored = hash_password("衡阳2024!")
    assert stored.startswith("scrypt$16384$8$1$") and "衡阳" not in stored
    assert stored != hash_password("衡阳2024!")  # a fresh salt each time
    assert verify_password(stored, "衡阳2024!") and not verify_password(stored, "衡阳2024")
    signoff = read_signoff(
        make_project(tmp_path, f'[signoff.roles]\n"一校" = ["王"]\n[signoff.passwords]\n"王" = "{stored}"\n')
    )
    assert signoff.check_password("王", "衡阳2024!") and not signoff.check_password("李", "衡阳2024!")
