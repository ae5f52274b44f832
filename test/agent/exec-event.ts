/** An exec as the kernel wrote it (corpus L02): SYSCALL items=2, BPRM_FCAPS, EXECVE, CWD, 2 PATH, PROCTITLE. */
export const EXEC_EVENT = [
  'type=SYSCALL msg=audit(1795407047.072:51148): arch=c000003e syscall=59 success=yes exit=0 a0=562eed613840 a1=562eed624480 a2=562eed617b90 a3=ddd85130979ac594 items=2 ppid=23605 pid=25063 auid=0 uid=0 gid=0 euid=0 suid=0 fsuid=0 egid=0 sgid=0 fsgid=0 tty=(none) ses=20 comm="sleep" exe="/usr/bin/sleep" key="exec"',
  "type=BPRM_FCAPS msg=audit(1795407047.072:51148): fver=0 fp=0 fi=0 fe=0 old_pp=000001fffeffffff old_pi=0 old_pe=000001fffeffffff old_pa=0 pp=000001fffeffffff pi=0 pe=000001fffeffffff pa=0 frootid=0",
  'type=EXECVE msg=audit(1795407047.072:51148): argc=2 a0="sleep" a1="1.5"',
  'type=CWD msg=audit(1795407047.072:51148): cwd="/tmp"',
  'type=PATH msg=audit(1795407047.072:51148): item=0 name="/usr/bin/sleep" inode=260875 dev=fe:00 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0',
  'type=PATH msg=audit(1795407047.072:51148): item=1 name="/lib64/ld-linux-x86-64.so.2" inode=338944 dev=fe:00 mode=0100755 ouid=0 ogid=0 rdev=00:00 nametype=NORMAL cap_fp=0 cap_fi=0 cap_fe=0 cap_fver=0 cap_frootid=0',
  "type=PROCTITLE msg=audit(1795407047.072:51148): proctitle=736C65657000312E35",
  "type=EOE msg=audit(1795407047.072:51148): ",
];
