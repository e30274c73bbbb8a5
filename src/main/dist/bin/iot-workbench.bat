@echo off
rem IoT Workbench launcher. No argument opens the window; a subcommand runs headless.
set "APP_HOME=%~dp0.."
if defined JAVA_HOME (set "JAVA=%JAVA_HOME%\bin\java") else (set "JAVA=java")
"%JAVA%" %IOTWORKBENCH_JAVA_OPTS% --module-path "%APP_HOME%\lib\javafx" --add-modules javafx.controls -cp "%APP_HOME%\lib\*" io.iotworkbench.app.Main %*
