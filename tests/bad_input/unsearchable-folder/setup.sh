# A region folder that can be listed but not searched (mode 600). Root bypasses permissions, so as
# root the case runs as nobody (setpriv), with the work folder opened to it.
chmod 600 content/regions/linhai
if [ "$(id -u)" = 0 ]; then
  chmod 755 "$WORK"
  RUN_AS=(setpriv --reuid=nobody --regid=nogroup --clear-groups --)
fi
