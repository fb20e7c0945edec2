@echo off
rem tokenvault, as shipped with Token Vault: runs the bundled CLI with the Node.js on PATH
rem (the app binary cannot: it is built with Electrons RunAsNode fuse off).
where node >nul 2>nul || (echo tokenvault: needs Node.js 20 or newer on PATH ^(https://nodejs.org/^). Install it, then run this again. 1>&2 & exit /b 1)
node "%~dp0tokenvault.cjs" %*
exit /b %ERRORLEVEL%
