import { describe, expect, it } from 'vitest';
import { programName } from './program-name';

describe('programName', () => {
  it('names a Go program by its file', () => {
    expect(programName('/tmp/gclens-go-fixtures-x/gcleak -mode leak', 'go')).toBe('gcleak');
  });

  it('names a JVM by its main class, past options and the class path', () => {
    expect(programName('java -Xmx1g -XX:+UseParallelGC -Xlog:gc*:file=/tmp/gc.log -cp /cache/HeapGrowth-1 HeapGrowth 300 5000 200', 'jvm')).toBe('HeapGrowth');
    expect(programName('/usr/bin/java -classpath app.jar:lib/* com.example.billing.Main --port 8080', 'jvm')).toBe('Main');
  });

  it('names a JVM run from a jar or a module by the jar or the class', () => {
    expect(programName('java -Xms512m -jar /opt/app/orders-service.jar --spring.profiles.active=prod', 'jvm')).toBe('orders-service.jar');
    expect(programName('java --module-path mods -m com.example.app/com.example.app.Server', 'jvm')).toBe('Server');
  });

  it('falls back to the program when the command line names no class', () => {
    expect(programName('/usr/lib/jvm/java-17/bin/java -version', 'jvm')).toBe('java');
  });
});
