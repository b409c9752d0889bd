package io.github.okastconnect.testkit.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Starts JVMs on the Kafka distribution classpath.
 *
 * @param javaExecutable the {@code java} binary (the current JVM's by default)
 * @param classpath      Kafka's jars only
 * @param jvmOptions     heap and JIT options, applied to every process
 * @param configDir      where the per-process argument files go
 * @param log4jConfig    log4j2 configuration for the processes
 * @param setsid         when present, processes run in their own session: a Ctrl-C in the terminal then reaches
 *                       only the driving JVM, which stops workers before the broker instead of all racing at once
 */
record JvmLauncher(
        Path javaExecutable,
        KafkaClasspath classpath,
        List<String> jvmOptions,
        Path configDir,
        Path log4jConfig,
        Optional<Path> setsid) {

    JvmLauncher {
        jvmOptions = List.copyOf(jvmOptions);
    }

    static Optional<Path> findSetsid() {
        return Stream.of("/usr/bin/setsid", "/bin/setsid")
                .map(Path::of)
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** The same launcher with {@code more} options after its own. */
    JvmLauncher withOptions(List<String> more) {
        List<String> options = new ArrayList<>(jvmOptions);
        options.addAll(more);
        return new JvmLauncher(javaExecutable, classpath, options, configDir, log4jConfig, setsid);
    }

    ManagedProcess start(String name, String mainClass, List<String> args, Path logFile) {
        try {
            Files.createDirectories(logFile.getParent());
            long logStart = ManagedProcess.sizeOf(logFile);
            List<String> command = new ArrayList<>();
            setsid.ifPresent(p -> command.add(p.toString()));
            command.add(javaExecutable.toString());
            // an argument file keeps the 90-jar classpath out of `ps` output, which then shows what runs where
            command.add("@" + writeArgFile(name, logFile.getParent()));
            command.add(mainClass);
            command.addAll(args);
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            return new ManagedProcess(name, process, logFile, logStart);
        } catch (IOException e) {
            throw new KafkaProcessException("cannot start " + name + " (" + mainClass + ")", e);
        }
    }

    /** Runs a command-line tool to completion; fails with its output when it exits non-zero or is aborted. */
    void run(
            String name, String mainClass, List<String> args, Path logFile, Duration timeout, BooleanSupplier aborted) {
        ManagedProcess tool = start(name, mainClass, args, logFile);
        try {
            tool.awaitReady("finished", timeout, aborted, () -> !tool.isAlive());
        } catch (KafkaProcessException e) {
            tool.kill();
            throw e;
        }
        if (tool.exitCode() != 0) {
            throw new KafkaProcessException(
                    name + " failed with exit code " + tool.exitCode() + ":\n" + tool.logTail(40));
        }
    }

    private Path writeArgFile(String name, Path logsDir) throws IOException {
        List<String> lines = new ArrayList<>(jvmOptions);
        lines.add("-Dlog4j2.configurationFile=" + log4jConfig.toAbsolutePath());
        lines.add("-Dkafka.logs.dir=" + logsDir.toAbsolutePath());
        lines.add("-cp");
        lines.add(classpath.asArgument());
        Files.createDirectories(configDir);
        Path argFile = configDir.resolve(name + ".jvmargs");
        Files.write(argFile, lines.stream().map(JvmLauncher::quote).toList());
        return argFile.toAbsolutePath();
    }

    /** Argument-file syntax: double quotes protect spaces, backslashes must be doubled inside them. */
    private static String quote(String arg) {
        return "\"" + arg.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static void writeLog4jConfig(Path file) {
        // INFO to stdout, which the launcher appends to the process's log file: the caller's console stays quiet.
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <Configuration status="WARN">
                  <Appenders>
                    <Console name="STDOUT" target="SYSTEM_OUT">
                      <PatternLayout pattern="[%d] %p %m (%c)%n"/>
                    </Console>
                  </Appenders>
                  <Loggers>
                    <Root level="INFO">
                      <AppenderRef ref="STDOUT"/>
                    </Root>
                  </Loggers>
                </Configuration>
                """;
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, xml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
