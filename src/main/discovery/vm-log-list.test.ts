import { describe, expect, it } from 'vitest';
import { outputFileName, parseVmLogList, selectsGc } from './vm-log-list';

// As JDK 17.0.15 printed it for -Xlog:gc*:file=…:uptime,level,tags -Xlog:safepoint:file="/tmp/jt/sp %p.log".
const JDK17 = `18355:
Available log levels: off, trace, debug, info, warning, error
Available log decorators: time (t), utctime (utc), uptime (u), timemillis (tm), uptimemillis (um), timenanos (tn), uptimenanos (un), hostname (hn), pid (p), tid (ti), level (l), tags (tg)
Available log tags: add, age, alloc, annotation, aot, arguments, attach, barrier, biasedlocking, blocks, bot, breakpoint, bytecode, cds, census
 #0: not an output line before the header
Log output configuration:
 #0: stdout all=warning uptime,level,tags
 #1: stderr all=off uptime,level,tags
 #2: file=/tmp/jt/gc.log all=off,gc*=info uptime,level,tags filecount=5,filesize=20480K,async=false
 #3: file=/tmp/jt/sp %p.log all=off,safepoint=info uptime,level,tags filecount=5,filesize=20480K,async=false
`;

// As JDK 25.0.3 printed it for -Xlog:gc:stderr:none and a relative file name.
const JDK25 = `19081:
Log output configuration:
 #0: stdout all=off uptime,level,tags foldmultilines=false
 #1: stderr all=off,gc=info none foldmultilines=false
 #2: file=gc-rel.log all=off,gc=info uptime,level,tags foldmultilines=false,filecount=0,filesize=20480K,async=false
`;

describe('parseVmLogList', () => {
  it('reads JDK 17 outputs, with a file name holding a space', () => {
    const outputs = parseVmLogList(JDK17);
    expect(outputs).toHaveLength(4);
    expect(outputs[0]).toEqual({ index: 0, name: 'stdout', selections: 'all=warning', decorators: ['uptime', 'level', 'tags'], options: '' });
    expect(outputs[2]).toEqual({
      index: 2,
      name: 'file=/tmp/jt/gc.log',
      selections: 'all=off,gc*=info',
      decorators: ['uptime', 'level', 'tags'],
      options: 'filecount=5,filesize=20480K,async=false',
    });
    expect(outputs[3]?.name).toBe('file=/tmp/jt/sp %p.log');
  });

  it('reads an output configured at run time, which JDK 17 marks "(reconfigured)"', () => {
    // As JDK 17.0.15 printed it after `jcmd PID VM.log output=/tmp/shot/re.log what=gc*=info decorators=uptime,level,tags`.
    const [output] = parseVmLogList(
      'Log output configuration:\n #2: file=/tmp/shot/re.log all=off,gc*=info uptime,level,tags filecount=5,filesize=20480K,async=false (reconfigured)\n',
    );
    expect(output).toEqual({
      index: 2,
      name: 'file=/tmp/shot/re.log',
      selections: 'all=off,gc*=info',
      decorators: ['uptime', 'level', 'tags'],
      options: 'filecount=5,filesize=20480K,async=false',
    });
  });

  it('reads JDK 25 outputs: options on stdout, `none` decorators', () => {
    const outputs = parseVmLogList(JDK25);
    expect(outputs[0]).toMatchObject({ name: 'stdout', selections: 'all=off', options: 'foldmultilines=false' });
    expect(outputs[1]).toMatchObject({ name: 'stderr', selections: 'all=off,gc=info', decorators: [] });
    expect(outputs[2]).toMatchObject({ name: 'file=gc-rel.log', selections: 'all=off,gc=info' });
  });

  it('answers nothing for output that is not a VM.log listing', () => {
    expect(parseVmLogList('java.lang.IllegalArgumentException: Unknown diagnostic command')).toEqual([]);
  });
});

describe('selectsGc', () => {
  it.each([
    ['all=off,gc*=info', true],
    ['gc+heap=debug', true],
    ['gc', true],
    ['all=info', true],
    ['all=warning', false],
    ['all=off', false],
    ['all=off,safepoint=info', false],
    ['gc*=off', false],
  ])('%s → %s', (selections, expected) => {
    expect(selectsGc(selections)).toBe(expected);
  });
});

describe('outputFileName', () => {
  it('strips file= and quotes; stdout and stderr have none', () => {
    expect(outputFileName('file=/var/log/gc.log')).toBe('/var/log/gc.log');
    expect(outputFileName('file="/var/log/my gc.log"')).toBe('/var/log/my gc.log');
    expect(outputFileName('stdout')).toBeNull();
  });
});
