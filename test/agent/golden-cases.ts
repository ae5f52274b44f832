// realistic lines written from auditd's documented formats where the corpus has none
export const SYNTH: Record<string, string> = {
  "login-watched": `type=USER_LOGIN msg=audit(1700000000.123:100): pid=4242 uid=0 auid=34 ses=7 msg='op=login id=34 exe="/usr/sbin/sshd" hostname=203.0.113.9 addr=203.0.113.9 terminal=ssh res=success'`,
  "login-max-failures": `type=ANOM_LOGIN_FAILURES msg=audit(1700000001.200:101): pid=4300 uid=0 auid=4294967295 ses=4294967295 msg='op=pam_faillock acct="alice" exe="/usr/sbin/sshd" hostname=198.51.100.7 addr=198.51.100.7 terminal=ssh res=success'`,
  "login-max-sessions": `type=ANOM_LOGIN_SESSIONS msg=audit(1700000002.300:102): pid=4301 uid=0 auid=1000 ses=9 msg='op=login acct="alice" exe="/usr/sbin/sshd" hostname=198.51.100.7 addr=198.51.100.7 terminal=ssh res=failed'`,
  "login-location": `type=ANOM_LOGIN_LOCATION msg=audit(1700000003.400:103): pid=4302 uid=0 auid=4294967295 ses=4294967295 msg='op=login acct="root" exe="/usr/sbin/sshd" hostname=2001:db8::5 addr=2001:db8::5 terminal=ssh res=failed'`,
  "login-time": `type=ANOM_LOGIN_TIME msg=audit(1700000004.500:104): pid=4303 uid=0 auid=4294967295 ses=4294967295 msg='op=pam_time acct="bob" exe="/usr/bin/login" hostname=? addr=? terminal=tty2 res=failed'`,
  "avc-mmap-zero": [
    `type=AVC msg=audit(1700000010.500:300): avc:  denied  { mmap_zero } for  pid=3100 comm="exploit" scontext=unconfined_u:unconfined_r:unconfined_t:s0 tcontext=unconfined_u:unconfined_r:unconfined_t:s0 tclass=memprotect permissive=0`,
    `type=SYSCALL msg=audit(1700000010.500:300): arch=c000003e syscall=9 success=no exit=-13 a0=0 a1=1000 a2=3 a3=32 items=0 ppid=3000 pid=3100 auid=1000 uid=1000 gid=1000 euid=1000 suid=1000 fsuid=1000 egid=1000 sgid=1000 fsgid=1000 tty=pts0 ses=2 comm="exploit" exe="/tmp/exploit" subj=unconfined_u:unconfined_r:unconfined_t:s0 key=(null)`,
    `type=PROCTITLE msg=audit(1700000010.500:300): proctitle="./exploit"`,
  ].join("\n"),
  "mac-status": [
    `type=MAC_STATUS msg=audit(1700000020.000:400): enforcing=0 old_enforcing=1 auid=1000 ses=2 enabled=1 old-enabled=1 lsm=selinux res=1`,
    `type=SYSCALL msg=audit(1700000020.000:400): arch=c000003e syscall=1 success=yes exit=1 a0=3 a1=7ffd a2=1 a3=0 items=0 ppid=2000 pid=2100 auid=1000 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts0 ses=2 comm="setenforce" exe="/usr/sbin/setenforce" subj=unconfined_u:unconfined_r:unconfined_t:s0 key=(null)`,
    `type=PROCTITLE msg=audit(1700000020.000:400): proctitle=736574656E666F7263650030`,
  ].join("\n"),
  "grp-auth-failed": `type=GRP_AUTH msg=audit(1700000030.000:500): pid=5000 uid=1000 auid=1000 ses=2 msg='op=authentication new-gid=10 id=1000 exe="/usr/bin/newgrp" hostname=testhost addr=? terminal=pts/0 res=failed'`,
  "ids-file": [
    `type=SYSCALL msg=audit(1700000040.100:600): arch=c000003e syscall=257 success=yes exit=3 a0=ffffff9c a1=7ffc a2=0 a3=0 items=1 ppid=900 pid=901 auid=1000 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts1 ses=3 comm="cat" exe="/usr/bin/cat" key="ids-file-med"`,
    `type=CWD msg=audit(1700000040.100:600): cwd="/etc"`,
    `type=PATH msg=audit(1700000040.100:600): item=0 name="shadow" inode=393 dev=fd:00 mode=0100640 ouid=0 ogid=42 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0`,
    `type=PROCTITLE msg=audit(1700000040.100:600): proctitle=63617400736861646F77`,
  ].join("\n"),
  "ids-exec": [
    `type=SYSCALL msg=audit(1700000041.200:601): arch=c000003e syscall=59 success=yes exit=0 a0=55d1 a1=55d2 a2=55d3 a3=0 items=2 ppid=900 pid=902 auid=0 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts1 ses=3 comm="nc" exe="/usr/bin/nc.openbsd" key="ids-exec-hi"`,
    `type=EXECVE msg=audit(1700000041.200:601): argc=3 a0="nc" a1="-l" a2="4444"`,
    `type=CWD msg=audit(1700000041.200:601): cwd="/root"`,
    `type=PATH msg=audit(1700000041.200:601): item=0 name="/usr/bin/nc" inode=1200 dev=fd:00 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0`,
    `type=PATH msg=audit(1700000041.200:601): item=1 name="/lib64/ld-linux-x86-64.so.2" inode=1300 dev=fd:00 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0`,
    `type=PROCTITLE msg=audit(1700000041.200:601): proctitle=6E63002D6C0034343434`,
  ].join("\n"),
  "ids-sys": [
    `type=SYSCALL msg=audit(1700000042.300:602): arch=c000003e syscall=101 success=no exit=-1 a0=10 a1=1 a2=0 a3=0 items=0 ppid=900 pid=903 auid=1000 uid=1000 gid=1000 euid=1000 suid=1000 fsuid=1000 egid=1000 sgid=1000 fsgid=1000 tty=pts1 ses=3 comm="gdb" exe="/usr/bin/gdb" key="ids-sys-low"`,
    `type=PROCTITLE msg=audit(1700000042.300:602): proctitle=676462002D70003132`,
  ].join("\n"),
  "ids-mkexe": [
    `type=SYSCALL msg=audit(1700000043.400:603): arch=c000003e syscall=90 success=yes exit=0 a0=7ffc a1=1ed a2=0 a3=0 items=1 ppid=900 pid=904 auid=1000 uid=1000 gid=1000 euid=1000 suid=1000 fsuid=1000 egid=1000 sgid=1000 fsgid=1000 tty=pts1 ses=3 comm="chmod" exe="/usr/bin/chmod" key="ids-mkexe-hi"`,
    `type=CWD msg=audit(1700000043.400:603): cwd="/tmp"`,
    `type=PATH msg=audit(1700000043.400:603): item=0 name="payload" inode=77 dev=00:1f mode=0100755 ouid=1000 ogid=1000 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0`,
    `type=PROCTITLE msg=audit(1700000043.400:603): proctitle=63686D6F64002B78007061796C6F6164`,
  ].join("\n"),
  "audit-daemon-abort": `type=DAEMON_ABORT msg=audit(1700000050.000:9001): op=disk-full auid=4294967295 pid=812 subj=system_u:system_r:auditd_t:s0 res=failed`,
  "audit-daemon-error": `type=DAEMON_ERR msg=audit(1700000051.000:9002): op=dispatch-err auid=4294967295 pid=812 subj=system_u:system_r:auditd_t:s0 res=failed`,
  "kernel-module-load (KERN_MODULE)": [
    `type=SYSCALL msg=audit(1700000060.000:700): arch=c000003e syscall=313 success=yes exit=0 a0=3 a1=5612 a2=0 a3=3 items=0 ppid=1000 pid=1001 auid=0 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=pts0 ses=1 comm="modprobe" exe="/usr/bin/kmod" key="modules"`,
    `type=KERN_MODULE msg=audit(1700000060.000:700): name="floppy"`,
    `type=PROCTITLE msg=audit(1700000060.000:700): proctitle=6D6F6470726F626500666C6F707079`,
  ].join("\n"),
  "anom-link": [
    `type=ANOM_LINK msg=audit(1700000070.000:800): op=linkat ppid=700 pid=701 auid=1000 uid=1000 gid=1000 ses=4 comm="ln" exe="/usr/bin/ln" res=0`,
    `type=SYSCALL msg=audit(1700000070.000:800): arch=c000003e syscall=265 success=no exit=-1 a0=ffffff9c a1=7ffc a2=ffffff9c a3=7ffd items=1 ppid=700 pid=701 auid=1000 uid=1000 gid=1000 euid=1000 suid=1000 fsuid=1000 egid=1000 sgid=1000 fsgid=1000 tty=pts2 ses=4 comm="ln" exe="/usr/bin/ln" key=(null)`,
    `type=CWD msg=audit(1700000070.000:800): cwd="/tmp"`,
    `type=PATH msg=audit(1700000070.000:800): item=0 name="/etc/shadow" inode=393 dev=fd:00 mode=0100640 ouid=0 ogid=42 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0`,
    `type=PROCTITLE msg=audit(1700000070.000:800): proctitle=6C6E002F6574632F736861646F7700782E6C6E6B`,
  ].join("\n"),
  "anom-root-trans": `type=ANOM_ROOT_TRANS msg=audit(1700000071.000:801): pid=4400 uid=0 auid=1000 ses=5 msg='op=root-transition exe="/usr/bin/bash" hostname=? addr=? terminal=pts/3 res=success'`,
  "integrity": `type=INTEGRITY_DATA msg=audit(1700000080.000:900): pid=2845 uid=0 auid=4294967295 ses=4294967295 subj=system_u:system_r:init_t:s0 op=appraise_data cause=invalid-hash comm="bash" name="/usr/local/bin/evil" dev="dm-0" ino=4242 res=0 errno=0`,
};
