/**
 * `PARKTWIN_SIMULATOR=opcua`: the demo's gas detectors served by an embedded OPC UA server on a
 * loopback port, and read back through the same OPC UA source a real DCS would be read with — so
 * `npm start` users can watch the real path work: subscriptions, source timestamps, status codes.
 * The simulator writes its gas readings into the server's variables (`ns=1;s=<sensor id>`) instead
 * of ingesting them; everything else it feeds as usual.
 */
import { createServer } from 'node:net';
import path from 'node:path';
import { DataType, OPCUACertificateManager, OPCUAServer, StatusCodes, type UAVariable, Variant } from 'node-opcua';
import type { ParkModel } from '../../src/model/model.ts';
import type { ReadingPayload } from '../../src/protocol/ingest.ts';
import { toEpochMs } from '../../src/protocol/ingest.ts';
import type { SourcesFile } from './config.ts';

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

export interface EmbeddedOpcUa {
  /** The source that reads the embedded server back (to run with the configured ones). */
  sources: SourcesFile;
  /** Takes the simulator's readings: the gas detectors' go into the server, the rest are returned to ingest. */
  sink(readings: ReadingPayload[]): ReadingPayload[];
  stop(): Promise<void>;
}

export async function startEmbeddedOpcUa(model: ParkModel, pkiDir: string): Promise<EmbeddedOpcUa> {
  const gas = model.ofKind('sensor').filter((s) => s.props.type === 'combustible_gas' || s.props.type === 'toxic_gas');
  const port = await freePort();
  const server = new OPCUAServer({
    port,
    hostname: '127.0.0.1',
    resourcePath: '/parktwin/simulator',
    serverCertificateManager: new OPCUACertificateManager({ rootFolder: path.join(pkiDir, 'embedded-server'), automaticallyAcceptUnknownCertificate: true }),
    allowAnonymous: true,
  });
  await server.initialize();
  const space = server.engine.addressSpace!;
  const ns = space.getOwnNamespace();
  const folder = ns.addObject({ organizedBy: space.rootFolder.objects, browseName: 'GasDetectors' });
  const vars = new Map<string, UAVariable>();
  for (const s of gas) {
    const v = ns.addVariable({ componentOf: folder, browseName: s.id, nodeId: `s=${s.id}`, dataType: 'Double' });
    v.setValueFromSource(new Variant({ dataType: DataType.Double, value: 0 }), StatusCodes.UncertainInitialValue);
    vars.set(s.id, v);
  }
  await server.start();
  const sources: SourcesFile = {
    opcua: [
      {
        name: 'Simulator (embedded OPC UA)',
        endpoint: `opc.tcp://127.0.0.1:${port}/parktwin/simulator`,
        security: { mode: 'None', policy: 'None' },
        sampling_ms: 500,
        publishing_ms: 500,
        items: gas.map((s) => ({ node: `ns=1;s=${s.id}`, sensor: s.id, scale: 1, offset: 0 })),
      },
    ],
    modbus: [],
  };
  return {
    sources,
    sink(readings) {
      const rest: ReadingPayload[] = [];
      for (const r of readings) {
        const v = vars.get(r.sensor);
        if (v) v.setValueFromSource(new Variant({ dataType: DataType.Double, value: r.value }), StatusCodes.Good, new Date(toEpochMs(r.t)));
        else rest.push(r);
      }
      return rest;
    },
    async stop() {
      await server.shutdown(0);
    },
  };
}
