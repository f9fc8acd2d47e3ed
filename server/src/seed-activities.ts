/** Demo data (seed.ts): the district's events of every kind, and 李晓梅's legal-aid consultations. */
import { eq } from 'drizzle-orm'
import type { Tx } from './db'
import { legalCases, legalEntries, users } from './db/schema'
import type { DataCipher } from './crypto/data'
import { insertEvent } from './modules/events'
import { EventInput } from '@contract/events/schemas'
import { personaOpenid } from './personas'
import { addWorkingDays } from './modules/calendar'

/**
 * Demo events organised by 云溪区总工会 (so 管理员·周 organises them and 李晓梅 may register), relative to the
 * seeding time: a skills competition in approval mode with a required question and a certificate upload,
 * a sports day (confirmed at once), a 疗休养 trip (approval), a tug-of-war for teams (team-mates join by
 * invitation) and a finished training (for the 已结束 filter).
 */
export async function seedDemoEvents(tx: Tx, districtId: number, seededAt: number): Promise<void> {
  const day = 86_400_000
  const at = (days: number, hour = 9) => {
    const d = new Date(seededAt + days * day)
    // whole hours, China time (UTC+8)
    d.setUTCHours(hour - 8, 0, 0, 0)
    return d.toISOString()
  }
  const place = (name: string, address: string, lat: number, lng: number) => ({ name, address, lat, lng })
  const defs = [
    {
      kind: 'skills_competition',
      title: '2026年云溪区叉车职业技能竞赛',
      description:
        '面向全区物流、制造企业的叉车司机，比赛分理论考试和实操两部分。报名需经主办方审核，请如实填写持证情况并上传特种设备作业人员证照片。前三名颁发证书和奖金。',
      orgId: districtId,
      startsAt: at(10, 9),
      endsAt: at(10, 17),
      place: place('云溪区职业技能实训中心', '示例市云溪区工业大道 88 号', 30.2702, 120.1489),
      capacity: 40,
      registrationOpensAt: at(-1, 9),
      registrationClosesAt: at(7, 18),
      approvalMode: 'manual',
      cancelCutoffHours: 48,
      checkinOpensMinutes: 60,
      scoreUnit: '分',
      questions: [
        { label: '从事叉车作业年限', type: 'number', required: true, hint: '按整年填写' },
        { label: '报名组别', type: 'single_choice', required: true, options: ['电动叉车组', '内燃叉车组'] },
        { label: '特种设备作业人员证', type: 'file', required: true, hint: '请上传证书照片（JPG/PNG/PDF）' },
        { label: '备注', type: 'short_text', required: false },
      ],
    },
    {
      kind: 'sports_culture',
      title: '“云溪杯”职工趣味运动会',
      description: '拔河、跳绳、托球跑等趣味项目，欢迎会员报名参加，报名即成功。',
      orgId: districtId,
      startsAt: at(14, 14),
      endsAt: at(14, 17),
      place: place('云溪区全民健身中心', '示例市云溪区青禾路 20 号', 30.2768, 120.1575),
      capacity: 200,
      registrationOpensAt: at(-2, 9),
      registrationClosesAt: at(12, 18),
      approvalMode: 'auto',
      questions: [{ label: '想参加的项目', type: 'multi_choice', required: false, options: ['拔河', '跳绳', '托球跑'] }],
    },
    {
      kind: 'recuperation',
      title: '一线职工疗休养（千岛湖 3 日）',
      description: '面向在职满 3 年的一线职工，名额有限，报名后由区总工会审核。',
      orgId: districtId,
      startsAt: at(30, 8),
      endsAt: at(32, 18),
      place: place('千岛湖职工疗休养基地', '示例市千岛湖镇湖滨路 1 号', 29.6049, 119.0421),
      capacity: 30,
      registrationOpensAt: at(-1, 9),
      registrationClosesAt: at(20, 18),
      approvalMode: 'manual',
      cancelCutoffHours: 72,
      questions: [{ label: '本单位工龄（年）', type: 'number', required: true }],
    },
    {
      kind: 'sports_culture',
      title: '职工拔河比赛（团队赛）',
      description: '每队 3–5 人（含队长）。队长报名后把邀请发给队友，队友接受邀请即入队；组满 3 人即报名成功。',
      orgId: districtId,
      startsAt: at(15, 14),
      endsAt: at(15, 17),
      place: place('云溪区全民健身中心', '示例市云溪区青禾路 20 号', 30.2768, 120.1575),
      capacity: 16,
      registrationOpensAt: at(-1, 9),
      registrationClosesAt: at(12, 18),
      entryMode: 'team',
      teamMinSize: 3,
      teamMaxSize: 5,
      approvalMode: 'auto',
    },
    {
      kind: 'training',
      title: '新就业形态劳动者权益保护讲座',
      description: '讲解劳动合同、工伤保障和维权渠道。',
      orgId: districtId,
      startsAt: at(-5, 19),
      endsAt: at(-5, 21),
      place: place('云溪区职工服务中心 3 楼报告厅', '示例市云溪区星光路 8 号', 30.2812, 120.1633),
      capacity: 100,
      registrationOpensAt: at(-20, 9),
      registrationClosesAt: at(-6, 18),
      approvalMode: 'auto',
    },
    {
      kind: 'volunteer',
      title: '骑手志愿服务队·交通安全劝导',
      description: '在青禾路口协助交警开展电动车交通安全劝导。到场签到、离场签退，志愿时长从签到记到签退。',
      orgId: districtId,
      startsAt: at(3, 8),
      endsAt: at(3, 12),
      place: place('青禾路与星光大道路口', '示例市云溪区青禾路 1 号', 30.2795, 120.1612),
      capacity: 20,
      registrationOpensAt: at(-1, 9),
      registrationClosesAt: at(2, 18),
      approvalMode: 'auto',
    },
  ]
  for (const def of defs) await insertEvent(tx, EventInput.parse(def), null)
}

/**
 * 法律援助: two of 李晓梅's consultations with 星河物流有限公司工会 (taken by the street's 法律援助专员·孙): a 社保 question
 * answered and closed last month, and a 劳动合同 question waiting for her to say more.
 */
export async function seedLegal(tx: Tx, cipher: DataCipher, orgId: number, seededAt: number): Promise<void> {
  const [member] = await tx.select({ id: users.id }).from(users).where(eq(users.openid, personaOpenid('member')))
  const [staff] = await tx.select({ id: users.id, nickname: users.nickname }).from(users).where(eq(users.openid, personaOpenid('legal')))
  if (!member || !staff) return
  const day = 86_400_000
  const defs = [
    {
      kind: 'social_insurance' as const,
      employer: '星河物流有限公司',
      description: '公司今年 3 月到 5 月没有给我缴社保，说是系统问题，我应该怎么办？',
      at: seededAt - 30 * day,
      closed: true,
      thread: [
        { kind: 'taken' as const, text: null },
        { kind: 'reply' as const, text: '用人单位应按月足额缴纳社会保险费。建议先与公司人事书面确认补缴时间；逾期未补缴的，可向社保经办机构投诉。' },
        { kind: 'closed' as const, text: '已解答。公司已承诺补缴。' },
      ],
    },
    {
      kind: 'contract' as const,
      employer: '星河物流有限公司',
      description: '入职半年了公司一直没和我签书面劳动合同，现在要我签一份把入职日期写晚的合同。',
      at: seededAt - 2 * day,
      closed: false,
      thread: [
        { kind: 'taken' as const, text: null },
        { kind: 'request_info' as const, text: '请补充：您的实际入职日期，以及能证明入职时间的材料（工牌、考勤、工资流水截图等）。' },
      ],
    },
  ]
  for (const d of defs) {
    const created = new Date(d.at)
    const answered = new Date(d.at + 3 * 3_600_000)
    const [c] = await tx
      .insert(legalCases)
      .values({
        userId: member.id,
        orgId,
        kind: d.kind,
        employer: d.employer,
        descriptionEnc: cipher.encrypt(d.description),
        contactPref: 'online',
        contactTime: 'any',
        status: d.closed ? 'closed' : 'awaiting_member',
        handlerUserId: staff.id,
        handlerName: staff.nickname,
        firstResponseDue: addWorkingDays(created, 1),
        firstResponseAt: answered,
        outcome: d.closed ? 'answered' : null,
        closedAt: d.closed ? new Date(d.at + day) : null,
        createdAt: created,
        updatedAt: d.closed ? new Date(d.at + day) : answered,
      })
      .returning({ id: legalCases.id })
    await tx.insert(legalEntries).values([
      { caseId: c.id, kind: 'submitted', author: 'member', actorUserId: member.id, byLabel: '李晓梅', at: created },
      ...d.thread.map((e, i) => ({
        caseId: c.id,
        kind: e.kind,
        author: 'staff' as const,
        actorUserId: staff.id,
        byLabel: staff.nickname,
        textEnc: e.text ? cipher.encrypt(e.text) : null,
        at: new Date(d.at + (i + 1) * 3_600_000),
      })),
    ])
  }
}
