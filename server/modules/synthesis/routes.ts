import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZGenerateSynthesisRequest,
  ZLexicon,
  ZLexiconPreview,
  ZPreviewLexiconRequest,
  ZRiskList,
  ZRoundSynthesis,
  ZRoundVersionParams,
  ZSaveLexiconRequest,
  ZSaveSynthesisRequest,
  ZSynthesisVersionDetail,
  ZSynthesisVersionList,
} from '../../../common/contracts/synthesis';
import { loadModelConfig } from '../../config';
import { AppError } from '../../errors/app-error';
import { problemResponses, ZIdParams } from '../../http';
import { type Action, type Actor, authorize, can, PROVINCE_WIDE } from '../../policy';
import { assertRoundExists } from '../rounds/queries';
import { getLexicon, previewLexicon, saveLexicon } from './lexicon';
import { getRoundRisks } from './risks';
import {
  getRoundSynthesis,
  getSynthesisVersion,
  listSynthesisVersions,
  prepareDraft,
  saveSynthesis,
  storeDraft,
} from './service';

const tags = ['synthesis'];

/**
 * The synthesis is the province's: only an assignment covering every unit writes it. A role without
 * the permission, or holding it below the province, is refused (403): nothing here is hidden.
 */
function authorizeWrite(actor: Actor, action: Action) {
  authorize(actor, action, { type: 'synthesis' });
  if (!can(actor, action, { type: 'synthesis', orgUnitIds: PROVINCE_WIDE })) throw new AppError('forbidden');
}

export const synthesisRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;
  // read when used: the model's settings may change without a restart of the tests' app
  const modelConfig = () => loadModelConfig();

  app.get(
    '/rounds/:id/synthesis',
    {
      schema: {
        tags,
        summary:
          'Bản tổng hợp nội dung báo cáo của đợt: mỗi câu kèm các câu báo cáo nguồn; các cụm khó khăn, đề xuất',
        params: ZIdParams,
        response: { 200: ZRoundSynthesis, ...problemResponses },
      },
    },
    async (request) => {
      authorize(request.actor, 'read', { type: 'synthesis' });
      return getRoundSynthesis(db, { roundId: request.params.id, modelConfig: modelConfig() });
    },
  );

  app.post(
    '/rounds/:id/synthesis/generate',
    {
      schema: {
        tags,
        summary:
          'Lập (hoặc lập lại) bản tổng hợp từ các báo cáo đã gửi; bản đã sửa trước đó được giữ trong lịch sử phiên bản',
        description:
          'Với reword=true và một mô hình đã cấu hình (SYNTHESIS_MODEL_URL), mô hình chỉ được viết lại câu chữ: ' +
          'câu nào đổi nguồn bị từ chối và giữ câu theo mẫu.',
        params: ZIdParams,
        body: ZGenerateSynthesisRequest,
        response: { 200: ZRoundSynthesis, ...problemResponses },
      },
    },
    async (request) => {
      authorizeWrite(request.actor, 'create');
      const roundId = request.params.id;
      const config = modelConfig();
      // drafted (and reworded) outside the transaction: a model may take its time
      const draft = await prepareDraft(db, { roundId, reword: request.body.reword, modelConfig: config });
      await db.transaction((tx) => storeDraft({ tx, draft, input: request.body, actor: request.actor }));
      return getRoundSynthesis(db, { roundId, modelConfig: config });
    },
  );

  app.put(
    '/rounds/:id/synthesis',
    {
      schema: {
        tags,
        summary:
          'Lưu bản tổng hợp đã sửa (dựa trên phiên bản đã mở); mỗi câu chỉ dẫn nguồn là câu của các báo cáo',
        params: ZIdParams,
        body: ZSaveSynthesisRequest,
        response: { 200: ZRoundSynthesis, ...problemResponses },
      },
    },
    async (request) => {
      authorizeWrite(request.actor, 'update');
      const roundId = request.params.id;
      await db.transaction((tx) => saveSynthesis({ tx, roundId, input: request.body, actor: request.actor }));
      return getRoundSynthesis(db, { roundId, modelConfig: modelConfig() });
    },
  );

  app.get(
    '/rounds/:id/synthesis/versions',
    {
      schema: {
        tags,
        summary: 'Các phiên bản của bản tổng hợp (lập từ mẫu, do mô hình viết lại, do văn phòng sửa)',
        params: ZIdParams,
        response: { 200: ZSynthesisVersionList, ...problemResponses },
      },
    },
    async (request) => {
      authorize(request.actor, 'read', { type: 'synthesis' });
      return listSynthesisVersions(db, request.params.id);
    },
  );

  app.get(
    '/rounds/:id/synthesis/versions/:version',
    {
      schema: {
        tags,
        summary: 'Nội dung một phiên bản của bản tổng hợp',
        params: ZRoundVersionParams,
        response: { 200: ZSynthesisVersionDetail, ...problemResponses },
      },
    },
    async (request) => {
      authorize(request.actor, 'read', { type: 'synthesis' });
      return getSynthesisVersion(db, request.params.id, request.params.version);
    },
  );

  app.get(
    '/rounds/:id/risks',
    {
      schema: {
        tags,
        summary:
          'Cảnh báo rủi ro của đợt, xếp theo mức độ: nhiệm vụ chậm, chỉ tiêu dự báo không đạt hoặc giảm hai kỳ, báo cáo thiếu hoặc muộn',
        params: ZIdParams,
        response: { 200: ZRiskList, ...problemResponses },
      },
    },
    async (request) => {
      authorize(request.actor, 'read', { type: 'synthesis' });
      return getRoundRisks(db, request.params.id, app.clock.today());
    },
  );

  app.get(
    '/synthesis-lexicon',
    {
      schema: {
        tags,
        summary:
          'Bộ từ khóa chủ đề dùng để gom nhóm khó khăn, đề xuất (KINH PHÍ: kinh phí, ngân sách, nguồn vốn…)',
        response: { 200: ZLexicon, ...problemResponses },
      },
    },
    async (request) => {
      authorize(request.actor, 'read', { type: 'synthesis' });
      return getLexicon(db);
    },
  );

  app.put(
    '/synthesis-lexicon',
    {
      schema: {
        tags,
        summary: 'Lưu bộ từ khóa chủ đề (dựa trên phiên bản đã mở; 0 là bộ mặc định)',
        body: ZSaveLexiconRequest,
        response: { 200: ZLexicon, ...problemResponses },
      },
    },
    async (request) => {
      authorizeWrite(request.actor, 'update');
      await db.transaction((tx) => saveLexicon({ tx, input: request.body, actor: request.actor }));
      return getLexicon(db);
    },
  );

  app.post(
    '/synthesis-lexicon/preview',
    {
      schema: {
        tags,
        summary: 'Xem trước tác động của bộ từ khóa đang sửa lên các cụm của một đợt (không lưu)',
        body: ZPreviewLexiconRequest,
        response: { 200: ZLexiconPreview, ...problemResponses },
      },
    },
    async (request) => {
      authorizeWrite(request.actor, 'update');
      await assertRoundExists(db, request.body.roundId);
      return previewLexicon(db, request.body);
    },
  );
};
