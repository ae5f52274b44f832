#!/bin/sh
# idmef-agent from the tarball, for hosts without dpkg (RPM-based distributions until an RPM
# exists). Installs what the .deb installs, under PREFIX (default /usr/local) for the program
# and /etc, /var/spool for configuration and spool; DESTDIR stages everything elsewhere.
#   sh install.sh               install, or upgrade keeping edited configuration
#   sh install.sh --uninstall   remove the program; configuration, keys and spool stay (like dpkg -r)
# Like dpkg's conffiles, an existing configuration file is never overwritten: the shipped one
# is put beside it as FILE.new when they differ. Starts nothing.
set -eu
PREFIX=${PREFIX:-/usr/local}
DESTDIR=${DESTDIR:-}
src=$(dirname "$(readlink -f "$0")")
lib="$DESTDIR$PREFIX/lib/idmef-agent"
bin="$DESTDIR$PREFIX/bin"
man="$DESTDIR$PREFIX/share/man/man1"
doc="$DESTDIR$PREFIX/share/doc/idmef-agent"

if [ "${1:-}" = --uninstall ]; then
  rm -f "$bin/idmef-agent" "$lib/node" "$lib/idmef-agent.mjs" "$lib/idmef-agent-plugin" "$man/idmef-agent.1.gz"
  rm -rf "$doc"
  rmdir "$lib" 2>/dev/null || true
  echo "idmef-agent removed from $PREFIX; kept /etc/idmef-agent, /etc/audit/plugins.d/idmef-agent.conf and /var/spool/idmef-agent"
  if grep -Eq '^[[:space:]]*active[[:space:]]*=[[:space:]]*yes' "$DESTDIR/etc/audit/plugins.d/idmef-agent.conf" 2>/dev/null; then
    echo "  the plugin is still active: set active = no there and reload auditd"
  fi
  exit 0
fi

install -d -m 0755 "$lib" "$bin" "$DESTDIR/etc/idmef-agent" "$DESTDIR/etc/audit/plugins.d"
install -d -m 0700 "$DESTDIR/var/spool/idmef-agent"
install -m 0755 "$src/usr/lib/idmef-agent/node" "$src/usr/lib/idmef-agent/idmef-agent-plugin" "$lib/"
install -m 0644 "$src/usr/lib/idmef-agent/idmef-agent.mjs" "$lib/"
install -m 0755 "$src/usr/bin/idmef-agent" "$bin/"
install -d -m 0755 "$man" "$doc"
install -m 0644 "$src/usr/share/man/man1/idmef-agent.1.gz" "$man/"
install -m 0644 "$src/usr/share/doc/idmef-agent/"* "$doc/"

# conffile: install when absent, else keep the operator's and leave the shipped one as .new
conffile() { # shipped target mode
  if [ ! -e "$2" ]; then
    install -m "$3" "$1" "$2"
  elif ! cmp -s "$1" "$2"; then
    install -m "$3" "$1" "$2.new"
    echo "kept your $2; the shipped version is $2.new"
  fi
}
plugin_conf=$(mktemp)
trap 'rm -f "$plugin_conf"' EXIT
sed "s|^path = .*|path = $PREFIX/lib/idmef-agent/idmef-agent-plugin|" "$src/etc/audit/plugins.d/idmef-agent.conf" >"$plugin_conf"
conffile "$plugin_conf" "$DESTDIR/etc/audit/plugins.d/idmef-agent.conf" 0640
conffile "$src/etc/idmef-agent/agent.conf" "$DESTDIR/etc/idmef-agent/agent.conf" 0644
echo "installed idmef-agent @VERSION@ in $PREFIX"
cat <<'STEPS'
@NEXT_STEPS@
STEPS
